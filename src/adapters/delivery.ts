import type { MailMessage, SendKey } from '../mail/types.js';
import { SendFailure, type MailTransport } from './mail-transport.js';
import type { OwedMessage } from '../itip/invite.js';
import type { SendLog } from './sendlog.js';

/** One message to send (owed by iTIP planning): its key is known up front, the message is built when sent. */
export type DeliveryJob = OwedMessage;

export interface RetryPolicy {
  /** Attempts per message for transient failures (1 = no retry). */
  attempts: number;
  /** First backoff delay in ms; doubled each retry, capped by maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 };

export interface Failed {
  recipient: string;
  kind: string;
  uid: string;
  recurrenceId: string | null;
  /** The server's reply, or what went wrong. */
  reply: string;
}

export interface DeliverySummary {
  sent: number;
  skipped: number;
  failed: Failed[];
  /** Not attempted because the batch stopped (fatal failure or server unreachable). */
  notAttempted: number;
  /** Why the batch stopped early, if it did. */
  aborted: string | undefined;
}

export interface DeliveryOptions {
  transport: MailTransport;
  log: SendLog;
  retry: RetryPolicy;
  /** ISO 8601 UTC now, for the log's `time`. */
  clock: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Called after each job (for the progress bar). */
  progress?: (done: number, total: number, summary: DeliverySummary) => void;
  /** After this many messages in a row failed even after retries, stop: the server is down. */
  maxConsecutiveFailures?: number;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Sends each job not yet in the log, one at a time: send, then append + fsync the log entry,
 * then the next. Transient failures are retried with exponential backoff; a permanent failure is
 * recorded for that recipient and the batch goes on; a fatal one stops the batch.
 */
export async function deliver(jobs: readonly DeliveryJob[], o: DeliveryOptions): Promise<DeliverySummary> {
  const summary: DeliverySummary = { sent: 0, skipped: 0, failed: [], notAttempted: 0, aborted: undefined };
  const sleep = o.sleep ?? defaultSleep;
  const maxRow = o.maxConsecutiveFailures ?? 3;
  let inARow = 0;
  let done = 0;
  for (const job of jobs) {
    done++;
    if (summary.aborted) {
      summary.notAttempted++;
      continue;
    }
    if (o.log.has(job.key)) {
      summary.skipped++;
      o.progress?.(done, jobs.length, summary);
      continue;
    }
    const message = job.build();
    let lastFailure: SendFailure | undefined;
    for (let attempt = 1; attempt <= o.retry.attempts; attempt++) {
      try {
        const { response } = await o.transport.send(message);
        o.log.append({ ...message.key, ...job.record, group: job.group, messageId: message.messageId, time: o.clock().toISOString(), response });
        lastFailure = undefined;
        break;
      } catch (e) {
        lastFailure = e instanceof SendFailure ? e : new SendFailure(e instanceof Error ? e.message : String(e), 'transient', undefined);
        if (lastFailure.kind !== 'transient' || attempt === o.retry.attempts) break;
        await sleep(Math.min(o.retry.maxDelayMs, o.retry.baseDelayMs * 2 ** (attempt - 1)));
      }
    }
    if (!lastFailure) {
      summary.sent++;
      inARow = 0;
    } else {
      summary.failed.push({
        recipient: message.key.recipient,
        kind: message.key.kind,
        uid: message.key.uid,
        recurrenceId: message.key.recurrenceId,
        reply: lastFailure.reply ?? lastFailure.message,
      });
      if (lastFailure.kind === 'fatal') summary.aborted = lastFailure.message;
      else if (lastFailure.kind === 'transient' && ++inARow >= maxRow) {
        summary.aborted = `${inARow} messages in a row failed after ${o.retry.attempts} attempts each (${lastFailure.message})`;
      } else if (lastFailure.kind === 'permanent') inARow = 0;
    }
    o.progress?.(done, jobs.length, summary);
  }
  return summary;
}
