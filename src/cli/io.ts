import { showProblem, type ConfigProblem } from '../config/errors.js';
import { EXIT, TconError } from '../errors.js';

/** What a command may touch of the outside world: passed in, so tests run commands in-process. */
export interface CliIo {
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  /** Where answers come from (`tcon init` asks questions only when it is a terminal). */
  stdin?: (NodeJS.ReadableStream & { isTTY?: boolean }) | undefined;
  env: Record<string, string | undefined>;
  cwd: string;
  /**
   * Told once, when the config turns out large (LARGE_CONFIG group files), before they are read:
   * the process may give the JavaScript engine room for a long run (bin/tcon.js lets V8's young
   * generation grow at once). Never changes a result.
   */
  largeRun?: (() => void) | undefined;
}

const endTasks = new WeakMap<CliIo, (() => Promise<void>)[]>();

/**
 * Work for the end of the run, whatever its outcome (runCli does it before it returns): the
 * holiday cache is written once the command has computed everything it needed. A task must not
 * throw; one that does is ignored (it is never the command's result).
 */
export function atEndOfRun(io: CliIo, task: () => Promise<void>): void {
  const list = endTasks.get(io) ?? [];
  list.push(task);
  endTasks.set(io, list);
}

/** Runs the end-of-run tasks of `io`, in order. */
export async function endOfRun(io: CliIo): Promise<void> {
  const list = endTasks.get(io) ?? [];
  endTasks.delete(io);
  for (const task of list) await task().catch(() => undefined);
}

/** A failure the user can fix (a wrong option, a missing argument): exit code 2. */
export class UsageError extends TconError {
  constructor(message: string, code = 'usage') {
    super(message, code, EXIT.usage);
    this.name = 'UsageError';
  }
}

/**
 * Config problems (errors and warnings) as the user reads them: each on its line, with the source
 * line and a caret under the bad text where it is known. The one way problems reach the terminal.
 */
export function reportProblems(io: CliIo, problems: readonly ConfigProblem[]): void {
  for (const p of problems) io.stderr.write(`${showProblem(p)}\n`);
}

/** A line on standard error that is not output: "tcon: <text>". */
export function tell(io: CliIo, text: string): void {
  io.stderr.write(`tcon: ${text}\n`);
}

/** A note: something the user may want to act on. */
export function note(io: CliIo, text: string): void {
  tell(io, `note: ${text}`);
}

/** A warning: the run goes on. Every "tcon: warning:" line is written here. */
export function warning(io: CliIo, text: string): void {
  tell(io, `warning: ${text}`);
}

const FS_REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a file is in the way of a directory on that path',
  EEXIST: 'a file of that name is in the way',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'file name too long',
  ELOOP: 'too many symbolic links',
};

const FS_VERBS: Record<string, string> = {
  mkdir: 'cannot create the directory',
  open: 'cannot open',
  write: 'cannot write',
  rename: 'cannot write',
  copyfile: 'cannot write',
  unlink: 'cannot remove',
  rmdir: 'cannot remove',
  scandir: 'cannot read the directory',
  read: 'cannot read',
  stat: 'cannot read',
  lstat: 'cannot read',
};

/**
 * A file-system failure that reached the command line (an --out in an unwritable place, a file
 * where a directory should be) said in one line naming the path, or undefined for other errors.
 * It is the user's to fix (exit code 2), not an internal error.
 */
export function describeFsError(e: unknown): string | undefined {
  if (!(e instanceof Error)) return undefined;
  const { code, syscall, path: source, dest } = e as NodeJS.ErrnoException & { dest?: string };
  // A rename's failure is about its target (the temporary file is ours, not the user's).
  const path = syscall === 'rename' && dest ? dest : source;
  if (!code || !path || !(code in FS_REASONS)) return undefined;
  const verb = (syscall && FS_VERBS[syscall]) ?? 'cannot use';
  return `${verb} ${path}: ${FS_REASONS[code]}`;
}
