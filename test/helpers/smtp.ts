import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface Received {
  /** Envelope recipients (RCPT TO). */
  to: string[];
  raw: Buffer;
  user: string | undefined;
  secure: boolean;
}

/** What the server does with the next message: accept, or answer with an error / drop. */
export type Verdict = { accept: true } | { code: number; message: string } | { drop: true } | { stall: true };

export interface TestSmtp {
  port: number;
  url: string;
  received: Received[];
  /** Decides per message (counted from 1 over the server's life) and recipient. */
  verdict: (n: number, rcpt: string) => Verdict;
  /** Rejects a recipient at RCPT TO (e.g. 550 for an unknown user), or undefined to accept. */
  rcptVerdict: (rcpt: string) => { code: number; message: string } | undefined;
  /** Delay before answering DATA, in ms (lets a test kill a client mid-batch). */
  delayMs: number;
  /** The reply to STARTTLS instead of the upgrade (454 "TLS not available", 502), or undefined to upgrade. */
  starttlsReply: { code: number; message: string } | undefined;
  parsed(): Promise<ParsedMail[]>;
  /** Messages accepted per recipient address. */
  countByRecipient(): Map<string, number>;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 (random port) that keeps what it accepts in memory. */
export async function startSmtp(options: Partial<SMTPServerOptions> = {}): Promise<TestSmtp> {
  let attempts = 0;
  const state: TestSmtp = {
    port: 0,
    url: '',
    received: [],
    verdict: () => ({ accept: true }),
    rcptVerdict: () => undefined,
    delayMs: 0,
    starttlsReply: undefined,
    async parsed() {
      return Promise.all(state.received.map((r) => simpleParser(r.raw)));
    },
    countByRecipient() {
      const m = new Map<string, number>();
      for (const r of state.received) for (const t of r.to) m.set(t, (m.get(t) ?? 0) + 1);
      return m;
    },
    close: async () => {},
  };
  const dropConnection = (session: SMTPServerSession) => {
    for (const c of connections()) {
      if (c.id === session.id) c._socket.destroy();
    }
  };
  type Conn = { id: string; _socket: { destroy(): void }; send(code: number, message: string): void; handler_STARTTLS(c: Buffer, cb: () => void): void };
  const connections = () => (server as unknown as { connections: Set<Conn> }).connections;
  const server: SMTPServer = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    closeTimeout: 200,
    ...options,
    onConnect(session, callback) {
      const reply = state.starttlsReply;
      if (reply) {
        for (const c of connections()) {
          if (c.id === session.id) {
            c.handler_STARTTLS = (_command, cb) => {
              c.send(reply.code, reply.message);
              cb();
            };
          }
        }
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      const v = state.rcptVerdict(address.address.toLowerCase());
      if (v) return callback(Object.assign(new Error(v.message), { responseCode: v.code }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        attempts++;
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const v = state.verdict(attempts, to[0] ?? '');
        const finish = () => {
          if ('drop' in v) return dropConnection(session);
          if ('stall' in v) return; // never answer: the client's timeout must fire
          if ('code' in v) return callback(Object.assign(new Error(v.message), { responseCode: v.code }));
          state.received.push({ to, raw: Buffer.concat(chunks), user: session.user as string | undefined, secure: session.secure });
          callback(null, 'queued');
        };
        if (state.delayMs) setTimeout(finish, state.delayMs);
        else finish();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  state.port = port;
  state.url = `smtp://127.0.0.1:${port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

export function one<T>(list: readonly T[], what = 'item'): T {
  if (list.length !== 1) throw new Error(`expected one ${what}, found ${list.length}`);
  return list[0]!;
}
