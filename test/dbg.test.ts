import { it } from 'vitest';
import { tcon } from './helpers/cli.js';
import { mailSandbox } from './helpers/mail-config.js';
it('x', async () => {
  const box = await mailSandbox();
  const inv = (...a: string[]) => tcon(['invite', '--config', box.config, '--group', 'wg-x', '--year', '2027', '--now', '2026-12-01T00:00Z', '--outbox', box.dir + '/out', ...a], { cwd: box.dir });
  await inv();
  await box.edit((t) => `${t}meetings:\n  2027-03-16: { move: 2027-03-17T10:00 }\n  2027-05-18: { skip: F2F week }\n`);
  console.log((await inv('--dry-run')).stdout);
  console.log((await tcon(['diff', '--invite', '--config', box.config, '--group', 'wg-x', '--year', '2027', '--now', '2026-12-01T00:00Z'], { cwd: box.dir })).stdout);
});
