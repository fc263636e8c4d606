import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { sendKeyId, type MailMessage, type SendKey } from '../mail/types.js';
import { writeFileAtomic } from './files.js';
import { composeRaw, SendFailure, type MailTransport } from './mail-transport.js';

/**
 * The file name of a message: readable (kind, recipient, sequence) and stable per send key, so a
 * re-run overwrites instead of adding a second copy.
 */
export function outboxFileName(key: SendKey): string {
  const hash = createHash('sha256').update(sendKeyId(key)).digest('hex').slice(0, 12);
  const who = key.recipient.toLowerCase().replace(/[^a-z0-9@._-]/g, '_');
  const rid = key.recurrenceId ? `-${key.recurrenceId.replace(/[^0-9A-Za-z]/g, '')}` : '';
  return `${key.kind}-${who}${rid}-s${key.sequence}-${hash}.eml`;
}

/**
 * Writes each message as an .eml file in `dir`, atomically (see writeFileAtomic: an exclusive
 * temporary file of an unpredictable name, synced, renamed; never through a planted link). The
 * bytes are composeRaw's, CRLF throughout, the same an SMTP server receives.
 */
export function createOutbox(dir: string, clock: () => Date = () => new Date()): MailTransport {
  return {
    name: `outbox ${dir}`,
    async send(message: MailMessage) {
      const file = join(dir, outboxFileName(message.key));
      try {
        await writeFileAtomic(file, await composeRaw(message, clock()));
      } catch (e) {
        // A folder that cannot be written to will not heal with retries: stop the batch.
        throw new SendFailure(`cannot write to the outbox ${dir}: ${(e as Error).message}`, 'fatal', undefined);
      }
      return { response: `written ${file}` };
    },
    async close() {},
  };
}
