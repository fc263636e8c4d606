/** What a command may touch of the outside world: passed in, so tests run commands in-process. */
export interface CliIo {
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
}

/** A failure the user can fix: printed without a stack trace, with its exit code. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UsageError';
  }
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
  if (e.name === 'NotARegularFileError') return e.message;
  const { code, syscall, path: source, dest } = e as NodeJS.ErrnoException & { dest?: string };
  // A rename's failure is about its target (the temporary file is ours, not the user's).
  const path = syscall === 'rename' && dest ? dest : source;
  if (!code || !path || !(code in FS_REASONS)) return undefined;
  const verb = (syscall && FS_VERBS[syscall]) ?? 'cannot use';
  return `${verb} ${path}: ${FS_REASONS[code]}`;
}
