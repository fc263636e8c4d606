import { createHash } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { sendKeyId, type MailMessage, type SendKey } from '../mail/types.js';
import { ensureDir } from './files.js';
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

/** Writes each message as an .eml file in `dir`: written to a temporary name, fsynced, renamed. */
export function createOutbox(dir: string, clock: () => Date = () => new Date()): MailTransport {
  return {
    name: `outbox ${dir}`,
    async send(message: MailMessage) {
      try {
        return await write(message);
      } catch (e) {
        // A folder that cannot be written to will not heal with retries: stop the batch.
        throw new SendFailure(`cannot write to the outbox ${dir}: ${(e as Error).message}`, 'fatal', undefined);
      }
    },
    async close() {},
  };

  async function write(message: MailMessage) {
    await ensureDir(dir);
    const file = join(dir, outboxFileName(message.key));
    const tmp = `${file}.${process.pid}.tmp`;
    const raw = await composeRaw(message, clock());
    const fh = await open(tmp, 'w', 0o644);
    try {
      await fh.writeFile(raw);
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await rename(tmp, file);
    } catch (e) {
      await unlink(tmp).catch(() => undefined);
      throw e;
    }
    return { response: `written ${file}` };
  }
}
