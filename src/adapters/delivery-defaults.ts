/*
 * The one set of delivery defaults: retries, backoff, timeouts, when a batch gives up. The
 * delivery loop, the SMTP transport and the CLI's --retries/--retry-delay/--timeout/
 * --data-timeout defaults all read them here. No imports: the CLI reads it at start-up.
 */

/** How transient failures are retried. */
export interface RetryPolicy {
  /** Attempts per message for transient failures (1 = no retry). */
  attempts: number;
  /** First backoff delay in ms; doubled each retry, capped by maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Five attempts, 1 s, 2 s, 4 s, 8 s apart (each delay at most 30 s). */
export const DEFAULT_RETRY: Readonly<RetryPolicy> = Object.freeze({ attempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 });

/** After this many messages in a row failed even after retries, the batch stops: the server is down. */
export const DEFAULT_MAX_CONSECUTIVE_FAILURES = 3;

/** RFC 5321 4.5.3.2.6: DATA termination, 10 minutes. */
export const END_OF_DATA_TIMEOUT_MS = 10 * 60_000;

/** Default timeout of the other SMTP steps. */
export const STEP_TIMEOUT_MS = 30_000;

/** The retry policy of a run: the defaults, with what the caller set. */
export function retryPolicy(set: { attempts?: number | undefined; baseDelayMs?: number | undefined }): RetryPolicy {
  return { attempts: set.attempts ?? DEFAULT_RETRY.attempts, baseDelayMs: set.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs, maxDelayMs: DEFAULT_RETRY.maxDelayMs };
}
