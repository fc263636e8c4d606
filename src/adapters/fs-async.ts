/*
 * The promise forms of the file-system calls tcon makes, over node:fs's callbacks. Requiring
 * node:fs/promises loads eight more of Node's own modules (directories, watchers, readline):
 * 1.5-2 ms of every start, since the config reader of every command used it (issue 14). Errors
 * are node:fs's (code, syscall, path), as node:fs/promises gives them.
 */
import {
  close as closeFd,
  fstat,
  fsync,
  link as linkPath,
  lstat as lstatPath,
  mkdir as mkdirPath,
  open as openPath,
  readdir as readdirPath,
  readFile as readFileAt,
  rename as renamePath,
  rm as rmPath,
  stat as statPath,
  writeFile as writeFileAt,
  type Mode,
  type OpenMode,
  type PathLike,
  type Stats,
} from 'node:fs';
import { promisify } from 'node:util';

export const link = promisify(linkPath);
export const lstat = promisify(lstatPath);
export const mkdir = promisify(mkdirPath);
export const readdir = promisify(readdirPath);
export const readFile = promisify(readFileAt);
export const rename = promisify(renamePath);
export const rm = promisify(rmPath);
export const stat = promisify(statPath);

const closeAsync = promisify(closeFd);
const fstatAsync = promisify(fstat);
const fsyncAsync = promisify(fsync);
const openAsync = promisify(openPath);
const writeAsync = promisify(writeFileAt);

/** An open file, with the methods of node:fs/promises' FileHandle that tcon uses. */
export class FileHandle {
  constructor(readonly fd: number) {}
  /** Writes `data` from the current position (as FileHandle.writeFile). */
  writeFile(data: string | Uint8Array): Promise<void> {
    return writeAsync(this.fd, data);
  }
  /** Reads from the current position to the end (as FileHandle.readFile). */
  readFile(encoding: 'utf8'): Promise<string> {
    return readFile(this.fd, encoding);
  }
  stat(): Promise<Stats> {
    return fstatAsync(this.fd);
  }
  sync(): Promise<void> {
    return fsyncAsync(this.fd);
  }
  close(): Promise<void> {
    return closeAsync(this.fd);
  }
}

/** Opens `path` (as node:fs/promises' open). */
export async function open(path: PathLike, flags: OpenMode, mode?: Mode): Promise<FileHandle> {
  return new FileHandle(await openAsync(path, flags, mode));
}
