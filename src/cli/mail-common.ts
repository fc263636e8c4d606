import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { deliver, retryPolicy, type DeliverySummary } from '../adapters/delivery.js';
import type { OwedMessage } from '../itip/invite.js';
import type { MailTransport } from '../adapters/mail-transport.js';
import { createOutbox } from '../adapters/outbox.js';
import { EntryIndex, SendLog, readEntries, type SentIndex } from '../adapters/sendlog.js';
import { SmtpConfigError, createSmtpTransport, parseSmtpUrl, redact } from '../adapters/smtp.js';
import { isPlaceholderAddress } from '../mail/text.js';
import type { TemplateSet } from '../mail/templates.js';
import { loadTemplates } from '../adapters/templates.js';
import type { Group } from '../schedule/types.js';
import { describeFsError, UsageError, warning, type CliIo } from './io.js';
import { usage, warn } from './messages.js';
import { dryRunLines } from './dry-run.js';
import type { MailOptions } from './mail-options.js';
import { parseNow } from './options.js';

export type { MailOptions } from './mail-options.js';

/** Invitations and cancellations (iTIP) need an organizer. */
export function requireOrganizer(group: Group): void {
  if (!group.organizer) throw new UsageError(usage.noOrganizer(group.id, group.source));
}

/** A group's templates; a template problem is a usage error (exit 2), found before sending. */
export function templatesFor(configDir: string, groupId: string): TemplateSet {
  return loadTemplates(configDir, groupId);
}

interface Route {
  /** Builds the transport (only when something is to be sent). */
  open(): MailTransport;
  logPath: string;
  describe: string;
}

function readPassword(opts: MailOptions, io: CliIo): string | undefined {
  if (opts.passwordFile) {
    try {
      return readFileSync(resolve(io.cwd, opts.passwordFile), 'utf8').split(/\r?\n/)[0];
    } catch (e) {
      throw new UsageError(
        usage.passwordFile(opts.passwordFile, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (describeFsError(e) ?? 'cannot read it')),
      );
    }
  }
  return io.env.TCON_SMTP_PASSWORD;
}

/** SMTP (flag, then group config) or the outbox; the send log's path. */
export function route(opts: MailOptions, groups: readonly Group[], configDir: string, io: CliIo): Route {
  const fromConfig = [...new Set(groups.map((g) => g.mail?.smtp).filter((s): s is string => !!s))];
  if (!opts.smtp && fromConfig.length > 1) throw new UsageError(usage.severalSmtpServers(fromConfig));
  const smtpUrl = opts.outbox ? undefined : (opts.smtp ?? fromConfig[0]);
  if (opts.smtp && opts.outbox) throw new UsageError(usage.smtpAndOutbox());
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(io.cwd, p));
  // The Date header: --now fixes it as it fixes DTSTAMP (the outbox and SMTP then carry the same bytes).
  const fixed = opts.now ? parseNow(opts.now).toJSDate() : undefined;
  const clock = () => fixed ?? new Date();
  if (!smtpUrl) {
    const dir = abs(opts.outbox ?? 'outbox');
    return { open: () => createOutbox(dir, clock), logPath: opts.log ? abs(opts.log) : join(dir, '.sent.jsonl'), describe: `outbox ${dir}` };
  }
  parseSmtpUrl(smtpUrl); // an SmtpConfigError (exit 2) when it is not a server URL
  const user = opts.user ?? groups.find((g) => g.mail?.user)?.mail?.user;
  // A dry run sends nothing: it needs no password, so what a run would send can be seen before one is set.
  const password = readPassword(opts, io);
  if (user !== undefined && password === undefined && !opts.dryRun) throw new UsageError(usage.noPassword(user));
  let ca: string | undefined;
  if (opts.ca) {
    try {
      ca = readFileSync(abs(opts.ca), 'utf8');
    } catch (e) {
      throw new UsageError(usage.badCa(opts.ca, (e as NodeJS.ErrnoException).code ?? 'cannot read it'));
    }
  }
  if (opts.insecure) warning(io, warn.insecure());
  return {
    open: () => {
      try {
        return createSmtpTransport({
          url: smtpUrl,
          user,
          password,
          insecure: !!opts.insecure,
          ca,
          timeoutMs: opts.timeout,
          dataTimeoutMs: opts.dataTimeout,
          clock,
        });
      } catch (e) {
        if (e instanceof SmtpConfigError) throw new SmtpConfigError(redact(e.message, password));
        throw e;
      }
    },
    logPath: opts.log ? abs(opts.log) : join(configDir, '.tcon', 'sent.jsonl'),
    describe: smtpUrl,
  };
}

/**
 * Members without an email address: a placeholder under `.invalid` (`tcon roster import`
 * writes `first.last@unknown.invalid`). Nothing is sent to them; the run lists them once.
 */
export class Unaddressed {
  private readonly names = new Map<string, string>();

  /** Whether `to` can be sent to; if not, it is noted for the summary. */
  reachable(to: { name: string; email: string }): boolean {
    if (!isPlaceholderAddress(to.email)) return true;
    this.names.set(`${to.name}\u0000${to.email.toLowerCase()}`, to.name);
    return false;
  }

  /** "not sent: no email address: A, B", or undefined when everyone has one. */
  line(): string | undefined {
    return this.names.size ? `not sent: no email address: ${[...this.names.values()].join(', ')}` : undefined;
  }
}

/** A one-line progress bar on stderr, redrawn in place; only on a terminal. */
function progressBar(io: CliIo) {
  if (!io.stderr.isTTY) return undefined;
  let last = 0;
  return (done: number, total: number, s: DeliverySummary) => {
    const now = Date.now();
    if (done !== total && now - last < 100) return;
    last = now;
    const width = 30;
    const fill = Math.round((done / Math.max(1, total)) * width);
    io.stderr.write(
      `\r[${'#'.repeat(fill)}${'-'.repeat(width - fill)}] ${done}/${total} sent ${s.sent} skipped ${s.skipped} failed ${s.failed.length}${done === total ? '\n' : ''}`,
    );
  };
}

/** The end-of-run summary (stdout). */
export function formatSummary(s: DeliverySummary, where: string, logPath: string, notSent?: string): string {
  const lines = [
    `${where}: sent ${s.sent}, skipped ${s.skipped} (already sent), failed ${s.failed.length}${s.notAttempted ? `, not attempted ${s.notAttempted}` : ''}`,
  ];
  for (const f of s.failed) lines.push(`  failed: ${f.recipient} (${f.kind} ${f.uid}${f.recurrenceId ? ` ${f.recurrenceId}` : ''}): ${f.reply}`);
  for (const u of s.uncertain ?? []) lines.push(`  unknown: ${u.recipient} (${u.kind} ${u.uid}${u.recurrenceId ? ` ${u.recurrenceId}` : ''}): ${u.reason}`);
  if (notSent) lines.push(`  ${notSent}`);
  if (s.aborted) lines.push(`  stopped: ${s.aborted}`);
  lines.push(`send log: ${logPath}`);
  return `${lines.join('\n')}\n`;
}

/** What a batch plans: the messages owed, and what to record before any is sent. */
export interface BatchPlan {
  messages: OwedMessage[];
  /**
   * Saves what the run decided (the state's revisions and SEQUENCEs) before the first message
   * goes out: a run that stops half-way is finished by the next one with the same SEQUENCEs,
   * and a config changed in between gets a new revision for everyone.
   */
  commit?: (() => Promise<void>) | undefined;
}

/**
 * Runs a batch: --dry-run lists it; otherwise takes the log lock, plans against the log, commits
 * the plan, sends what the log lacks, prints the summary. Exit code 1 when any message failed or
 * was not attempted.
 */
export async function runBatch(opts: MailOptions, r: Route, plan: (sent: SentIndex) => BatchPlan, io: CliIo, unaddressed?: Unaddressed): Promise<number> {
  if (opts.dryRun) {
    const view = new EntryIndex(readEntries(r.logPath));
    const jobs = plan(view).messages;
    const todo = jobs.filter((j) => !(opts.resendUnknown ? view.confirmed(j.key) : view.has(j.key)));
    for (const line of dryRunLines(todo, !!opts.verbose)) io.stdout.write(`${line}\n`);
    const notSent = unaddressed?.line();
    if (notSent) io.stdout.write(`${notSent}\n`);
    io.stdout.write(`dry run (${r.describe}): ${todo.length} to send, ${jobs.length - todo.length} already sent (send log ${r.logPath})\n`);
    return 0;
  }
  // A LockError (exit 1: another tcon is sending) or a SendLogError (exit 2) goes to runCli as it is.
  const log = SendLog.open(r.logPath, (m) => warning(io, m));
  let transport: MailTransport | undefined;
  try {
    const planned = plan(log);
    const jobs = planned.messages;
    await planned.commit?.();
    const pending = jobs.some((j) => !(opts.resendUnknown ? log.confirmed(j.key) : log.has(j.key)));
    transport = pending ? r.open() : undefined;
    const retry = retryPolicy({ attempts: opts.retries, baseDelayMs: opts.retryDelay });
    const summary = transport
      ? await deliver(jobs, { transport, log, retry, clock: () => new Date(), progress: progressBar(io), resendUnknown: !!opts.resendUnknown })
      : { sent: 0, skipped: jobs.length, failed: [], notAttempted: 0, aborted: undefined };
    io.stdout.write(formatSummary(summary, r.describe, r.logPath, unaddressed?.line()));
    return summary.failed.length || summary.notAttempted || summary.aborted || summary.uncertain?.length ? 1 : 0;
  } finally {
    log.close();
    await transport?.close();
  }
}
