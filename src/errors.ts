// The error contract of tcon (as commander's lib/error.js has one): every error tcon means to
// throw at a user is a TconError, with a stable `code` to test and branch on, and the `exit` code
// the command line ends with. runCli (src/cli/main.ts) maps them in one place; anything else that
// reaches it is a bug in tcon, said as an internal error with exit code EXIT.internal.
// Kept free of imports: the core, the adapters and the CLI's start-up all load it.

/** The exit codes of the command line, and the only ones. */
export const EXIT = {
  ok: 0,
  /** A check found a problem, or some delivery failed (or could not start: the send log is locked). */
  failed: 1,
  /** The user can fix it: a usage or configuration error, a file that cannot be read or written. */
  usage: 2,
  /** A bug in tcon (EX_SOFTWARE of sysexits.h). */
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure tcon expected, said to the user without a stack trace. */
export class TconError extends Error {
  /** Stable for scripts and tests, e.g. `config.invalid`, `usage`, `sendlog.locked`. */
  readonly code: string;
  /** What the command line exits with. */
  readonly exit: ExitCode;
  constructor(message: string, code: string, exit: ExitCode = EXIT.usage) {
    super(message);
    this.name = 'TconError';
    this.code = code;
    this.exit = exit;
  }
}
