import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  dir: string;
  unmount(): void;
}

/**
 * A tmpfs of `bytes` (rounded to 4 KiB pages) mounted on a fresh directory: a disk that really
 * fills up (ENOSPC from the kernel, short writes included). Needs root (CI runs as root); without
 * it the caller skips, saying so, and under CI=true it throws.
 */
export function smallDisk(bytes: number): SmallDisk | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'tcon-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    if (process.env.CI) throw new Error(`cannot mount a tmpfs (root needed): ${(e as Error).message}`);
    return undefined;
  }
  return {
    dir,
    unmount() {
      execFileSync('umount', [dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let probed: boolean | undefined;

/**
 * Whether a tmpfs can be mounted here (probed once: mounted and unmounted at once). Tests decide
 * to skip with it at collection time and mount in the test body, so that a test left out by a
 * filter leaves no mount behind.
 */
export function canMountSmallDisk(): boolean {
  if (probed === undefined) {
    const disk = smallDisk(4096);
    probed = !!disk;
    disk?.unmount();
  }
  return probed;
}
