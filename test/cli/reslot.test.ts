// Skips that re-slot later meetings say so (issue 12): with rotation by meeting and on-skip keep
// (the default), one skip changes the slot of every later meeting; `schedule`, `diff` and
// `invite` name how many meetings of their window it re-slots and how to keep them, and a rule
// of several weekdays with `keep` is a warning of the config.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tcon } from '../helpers/cli.js';

const GROUP = (rotation: string) => `id: wg-rs
title: Example WG
timezone: America/New_York
zone-label: ET
organizer: { name: Example Secretariat, email: secretariat@example.org }
series:
  - from: 2027-01-01
    rule: every Tuesday and Wednesday
    slots: ["09:00", "17:00"]
${rotation}meetings:
  2027-01-12: { skip: Chair away }
members:
  - { name: Ann Example, email: ann@example.org }
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tcon-reslot-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function config(text: string): Promise<string> {
  const d = await mkdtemp(join(dir, 'cfg-'));
  await writeFile(join(d, 'wg-rs.yaml'), text);
  return d;
}

const NOTE =
  "wg-rs series[0]: the skip of 2027-01-12 re-slots 5 later meetings of this window: rotation by meeting with on-skip: keep hands a skipped meeting's slot to the next one; to keep every meeting's slot, set rotation: { on-skip: advance } on series[0]";

describe('a skip that re-slots later meetings', () => {
  it('schedule names how many meetings it re-slots, and the config warns of keep on several weekdays', async () => {
    const cfg = await config(GROUP(''));
    const r = await tcon(['schedule', '--config', cfg, '--from', '2027-01-01', '--to', '2027-01-31']);
    expect(r.code).toBe(0);
    // The Tuesday/Wednesday pairs after the skip hold the other weekday's time.
    expect(r.stdout).toContain('2027-01-13  Wed  09:00-10:00 ET  1/2   scheduled');
    expect(r.stdout).toContain('2027-01-19  Tue  17:00-18:00 ET  2/2   scheduled');
    expect(r.stdout.endsWith(`\nnote: ${NOTE}\n`)).toBe(true);
    expect(r.stderr).toContain(
      "wg-rs.yaml:7:5 warning: series[0]: rotation by meeting with on-skip: keep, on a rule of several weekdays (Tuesday, Wednesday): one skipped meeting hands its slot to the next, so every later meeting changes slot and each weekday gets another weekday's time; to keep every meeting's slot, set rotation: { on-skip: advance } (or mode: week)",
    );
    // A window before the skip has nothing re-slotted; JSON says it on stderr.
    const before = await tcon(['schedule', '--config', cfg, '--from', '2027-01-01', '--to', '2027-01-11']);
    expect(before.stdout).not.toContain('note:');
    const json = await tcon(['schedule', '--config', cfg, '--from', '2027-01-01', '--to', '2027-01-31', '--format', 'json']);
    expect(json.stderr).toContain(`tcon: note: ${NOTE}`);
    JSON.parse(json.stdout);
  });

  it('diff and invite name it too', async () => {
    const cfg = await config(GROUP(''));
    const diff = await tcon(['diff', '--config', cfg, '--from', '2027-01-01', '--to', '2027-01-31', '--no-state', '--now', '2026-12-01T12:00Z']);
    expect(diff.stdout).toContain(`  note: ${NOTE}\n`);
    const json = await tcon(['diff', '--config', cfg, '--from', '2027-01-01', '--to', '2027-01-31', '--no-state', '--json', '--now', '2026-12-01T12:00Z']);
    expect((JSON.parse(json.stdout) as { reslotted: string[] }[])[0]!.reslotted).toEqual([NOTE]);
    const invite = await tcon([
      'invite',
      '--config',
      cfg,
      '--from',
      '2027-01-01',
      '--to',
      '2027-01-31',
      '--dry-run',
      '--now',
      '2026-12-01T12:00Z',
      '--outbox',
      join(cfg, 'outbox'),
    ]);
    expect(invite.code).toBe(0);
    expect(invite.stdout).toContain(`note: ${NOTE}\n`);
  });

  it('with on-skip: advance nothing is re-slotted and nothing is said', async () => {
    const cfg = await config(GROUP('    rotation: { on-skip: advance }\n'));
    // --no-holidays: nothing on stderr either (tcon schedule would say that Ann's holidays cannot be known).
    const r = await tcon(['schedule', '--config', cfg, '--from', '2027-01-01', '--to', '2027-01-31', '--no-holidays']);
    expect(r.stdout).not.toContain('note:');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('2027-01-13  Wed  17:00-18:00 ET  2/2   scheduled');
  });
});
