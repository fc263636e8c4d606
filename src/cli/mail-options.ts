import { Option, type Command } from 'commander';
import type { GroupOptions } from './options.js';
import { parseMilliseconds } from './parsers.js';
import { DEFAULT_RETRY, END_OF_DATA_TIMEOUT_MS, STEP_TIMEOUT_MS } from '../adapters/delivery-defaults.js';

/** Options shared by invite, cancel and remind. Light module: main.ts imports it at start-up. */
export interface MailOptions extends GroupOptions {
  smtp?: string;
  user?: string;
  passwordFile?: string;
  insecure?: boolean;
  ca?: string;
  outbox?: string;
  log?: string;
  dryRun?: boolean;
  verbose?: boolean;
  now?: string;
  retries?: number;
  retryDelay?: number;
  timeout?: number;
  dataTimeout?: number;
  resendUnknown?: boolean;
}

/** Adds the delivery options to a command (one definition for invite, cancel and remind). */
export function addMailOptions(c: Command, positiveInt: (flag: string) => (v: string) => number): Command {
  return c
    .option('--smtp <url>', 'send through this SMTP server: smtp://host:587 (STARTTLS) or smtps://host:465 (default: mail.smtp of the group, else the outbox)')
    .option('--user <name>', 'SMTP user (default: mail.user); the password comes from TCON_SMTP_PASSWORD or --password-file')
    .option('--password-file <file>', 'read the SMTP password from this file (first line)')
    .option('--ca <file>', 'trust this CA certificate (PEM), e.g. for a self-signed server certificate')
    .option('--insecure', 'allow a non-loopback SMTP server without TLS and skip certificate checks')
    .option('--outbox <dir>', 'write .eml files to this folder instead of sending (default without SMTP: ./outbox)')
    .option('--log <file>', 'the send log (default: <config>/.tcon/sent.jsonl for SMTP, <outbox>/.sent.jsonl for the outbox)')
    .option('--dry-run', 'list what would be sent, to whom and why; send nothing (needs no password)')
    .option('-v, --verbose', "with --dry-run: each message's kind, UID and SEQUENCE, as the send log records them")
    .option('--now <iso>', 'fix the clock, e.g. 2027-03-09T08:00Z (default: system clock)')
    .addOption(new Option('--retries <n>', 'attempts per message on transient failures').argParser(positiveInt('--retries')).default(DEFAULT_RETRY.attempts))
    .addOption(
      new Option('--retry-delay <ms>', 'first backoff delay in ms, doubled per attempt')
        .argParser(parseMilliseconds('--retry-delay'))
        .default(DEFAULT_RETRY.baseDelayMs),
    )
    .addOption(
      new Option('--timeout <ms>', 'timeout of each SMTP step but the reply to the end of the data, in ms')
        .argParser(parseMilliseconds('--timeout'))
        .default(STEP_TIMEOUT_MS),
    )
    .addOption(
      new Option(
        '--data-timeout <ms>',
        'how long the reply to the end of the data may take (RFC 5321: 10 minutes); past it the message is recorded as of unknown fate, not resent',
      )
        .argParser(parseMilliseconds('--data-timeout'))
        .default(END_OF_DATA_TIMEOUT_MS),
    )
    .option('--resend-unknown', 'send again the messages the send log records as of unknown fate (no reply to the end of the data)');
}
