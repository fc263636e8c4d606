import type { MailMessage, SendKey } from '../mail/types.js';
import { SendFailure, type MailTransport } from './mail-transport.js';
import type { OwedMessage } from '../itip/invite.js';
import type { SendLog, SendLogEntry } from './sendlog.js';
import { DEFAULT_MAX_CONSECUTIVE_FAILURES, type RetryPolicy } from './delivery-defaults.js';

/** One message to send (owed by iTIP planning): its key is known up front, the message is built when sent. */
export type DeliveryJob = OwedMessage;

export { DEFAULT_RETRY, retryPolicy, type RetryPolicy } from './delivery-defaults.js';

export interface Failed {
  recipient: string;
  kind: string;
  uid: string;
  recurrenceId: string | null;
  /** The server's reply, or what went wrong. */
  reply: string;
}

/** A message the server may hold that the send log does not say so: named in the summary. */
export interface Uncertain {
  recipient: string;
  kind: string;
  uid: string;
  recurrenceId: string | null;
  /** What happened. */
  reason: string;
}

export interface DeliverySummary {
  sent: number;
  skipped: number;
  failed: Failed[];
  /** Not attempted because the batch stopped (fatal failure or server unreachable). */
  notAttempted: number;
  /** Why the batch stopped early, if it did. */
  aborted: string | undefined;
  /**
   * Messages whose fate is unknown: no reply to the end of data in time (recorded in the log as
   * possibly delivered, not resent unless asked), or accepted by the server but not recorded
   * because the log could not be written (the batch then stops at once).
   */
  uncertain?: Uncertain[];
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
  /** Send again what the log records as of unknown fate (no reply to the end of data). */
  resendUnknown?: boolean;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Sends each job not yet in the log, one at a time: send, then append + fsync the log entry,
 * then the next. Transient failures are retried with exponential backoff; a permanent failure is
 * recorded for that recipient and the batch goes on; a fatal one stops the batch.
 *
 * Two outcomes are never retried, as each retry could be one more copy in the recipient's inbox:
 * - no reply to the end of data in time (`unknown`): the server may have queued the message. It is
 *   logged with `unknown: true` (so the next run does not resend it unless `resendUnknown`), and
 *   the batch goes on;
 * - the server accepted the message but the log cannot record it (a full disk, an I/O error): the
 *   batch stops at once, naming the recipient who may have it; nothing more is sent, since no
 *   further delivery could be recorded either.
 */
export async function deliver(jobs: readonly DeliveryJob[], o: DeliveryOptions): Promise<DeliverySummary> {
  const summary: DeliverySummary = { sent: 0, skipped: 0, failed: [], notAttempted: 0, aborted: undefined, uncertain: [] };
  const sleep = o.sleep ?? defaultSleep;
  const maxRow = o.maxConsecutiveFailures ?? DEFAULT_MAX_CONSECUTIVE_FAILURES;
  const done = (key: DeliveryJob['key']) => (o.resendUnknown ? o.log.confirmed(key) : o.log.has(key));
  let inARow = 0;
  let unknownInARow = 0;
  let count = 0;
  for (const job of jobs) {
    count++;
    if (summary.aborted) {
      summary.notAttempted++;
      continue;
    }
    if (done(job.key)) {
      summary.skipped++;
      o.progress?.(count, jobs.length, summary);
      continue;
    }
    const message = job.build();
    const entry = (response: string, unknown: boolean): SendLogEntry => ({
      ...message.key,
      ...job.record,
      group: job.group,
      messageId: message.messageId,
      time: o.clock().toISOString(),
      response,
      ...(unknown ? { unknown: true } : {}),
    });
    const who = { recipient: message.key.recipient, kind: message.key.kind, uid: message.key.uid, recurrenceId: message.key.recurrenceId };
    let lastFailure: SendFailure | undefined;
    let accepted: { response: string; unknown: boolean } | undefined;
    for (let attempt = 1; attempt <= o.retry.attempts; attempt++) {
      try {
        accepted = { response: (await o.transport.send(message)).response, unknown: false };
        lastFailure = undefined;
        break;
      } catch (e) {
        lastFailure = e instanceof SendFailure ? e : new SendFailure(e instanceof Error ? e.message : String(e), 'transient', undefined);
        if (lastFailure.kind === 'unknown') {
          accepted = { response: lastFailure.message, unknown: true };
          lastFailure = undefined;
          break;
        }
        if (lastFailure.kind !== 'transient' || attempt === o.retry.attempts) break;
        await sleep(Math.min(o.retry.maxDelayMs, o.retry.baseDelayMs * 2 ** (attempt - 1)));
      }
    }
    if (accepted) {
      try {
        o.log.append(entry(accepted.response, accepted.unknown));
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        summary.uncertain!.push({
          ...who,
          reason: `${accepted.unknown ? 'may have been accepted' : 'accepted by the server'}, but the send log could not record it (${why}); a rerun sends it again`,
        });
        summary.aborted = `the send log ${o.log.path} cannot be written (${why}): ${message.key.recipient} may have the message; nothing more is sent. Free the space (or fix the log), then run again`;
        o.progress?.(count, jobs.length, summary);
        continue;
      }
      if (accepted.unknown) {
        summary.uncertain!.push({ ...who, reason: `${accepted.response}; recorded as possibly delivered (--resend-unknown sends it again)` });
        // A server that never answers the end of the data costs the data timeout per message.
        if (++unknownInARow >= maxRow) summary.aborted = `${unknownInARow} messages in a row got no reply to the end of the data: the server is not answering`;
      } else {
        summary.sent++;
        unknownInARow = 0;
      }
      inARow = 0;
    } else if (lastFailure) {
      summary.failed.push({ ...who, reply: lastFailure.reply ?? lastFailure.message });
      if (lastFailure.kind === 'fatal') summary.aborted = lastFailure.message;
      else if (lastFailure.kind === 'transient' && ++inARow >= maxRow) {
        summary.aborted = `${inARow} messages in a row failed after ${o.retry.attempts} attempts each (${lastFailure.message})`;
      } else if (lastFailure.kind === 'permanent') inARow = 0;
    }
    o.progress?.(count, jobs.length, summary);
  }
  return summary;
}
