import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';

const FIXTURE = new URL('../fixtures/mail/wg-x.yaml', import.meta.url).pathname;

export interface MailSandbox {
  dir: string;
  config: string;
  file: string;
  edit(fn: (text: string) => string): Promise<void>;
  cleanup(): Promise<void>;
}

/** A temporary working directory with config/wg-x.yaml (the mail fixture), optionally edited. */
export async function mailSandbox(edit?: (text: string) => string): Promise<MailSandbox> {
  const dir = await mkdtemp(join(tmpdir(), 'tcon-mail-'));
  const config = join(dir, 'config');
  const file = join(config, 'wg-x.yaml');
  await cp(FIXTURE, file);
  const box: MailSandbox = {
    dir,
    config,
    file,
    async edit(fn) {
      await writeFile(file, fn(await readFile(file, 'utf8')));
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
  if (edit) await box.edit(edit);
  return box;
}

/** The Content-Type values of a raw message, in order (the MIME tree, flattened). */
export function contentTypes(raw: Buffer | string): string[] {
  const text = raw.toString().replace(/\r\n[ \t]+/g, ' ');
  return [...text.matchAll(/^Content-Type: ([^;\r\n]+)(;[^\r\n]*?method=([A-Z]+))?/gim)].map((m) => (m[3] ? `${m[1]}; method=${m[3]}` : m[1]!));
}

/** The text/calendar part of a parsed message (mailparser lists it with the attachments). */
export function calendarPart(m: ParsedMail): { method: string | undefined; ics: string } {
  const part = m.attachments.find((a) => a.contentType === 'text/calendar');
  if (!part) throw new Error(`no text/calendar part in "${m.subject}"`);
  const ct = part.headers.get('content-type') as { params?: Record<string, string> } | undefined;
  return { method: ct?.params?.method, ics: part.content.toString('utf8') };
}

export async function parse(raw: Buffer): Promise<ParsedMail> {
  return simpleParser(raw);
}
