import { readFile } from '../../adapters/fs-async.js';
import { resolve } from 'node:path';
import { loadRegions } from '../../adapters/config-files.js';
import { writeFileAtomic } from '../../adapters/files.js';
import { ConfigError } from '../../config/problems.js';
import { importRoster, parseAttendance, parseOrgMap, renderRosterYaml, type OrgPlace } from '../../coverage/roster.js';
import { tell, UsageError, type CliIo } from '../io.js';
import { say, usage } from '../messages.js';

export interface RosterImportOptions {
  config: string;
  orgs?: string;
  out?: string;
  present?: boolean;
}

async function readText(path: string, what: string): Promise<string> {
  return readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(usage.cannotRead(what, path, e.code === 'ENOENT' ? 'no such file' : e.message));
  });
}

/** `tcon roster import MINUTES [--orgs MAP] [--out FILE]`. */
export async function runRosterImport(file: string, opts: RosterImportOptions, io: CliIo): Promise<number> {
  const text = await readText(resolve(io.cwd, file), 'attendance file');
  let orgs = new Map<string, OrgPlace>();
  if (opts.orgs) {
    const { regions } = await loadRegions(opts.config, { cwd: io.cwd });
    const parsed = parseOrgMap(await readText(resolve(io.cwd, opts.orgs), '--orgs'), opts.orgs, regions);
    if (!parsed.orgs) throw new ConfigError(parsed.problems);
    orgs = parsed.orgs;
  }
  const rows = parseAttendance(text);
  if (rows.length === 0) throw new UsageError(usage.noAttendanceTable(file));
  const result = importRoster(rows, orgs, { presentOnly: opts.present });
  const yaml = renderRosterYaml(result, file);
  // Whole or not at all, like every file tcon writes.
  if (opts.out) await writeFileAtomic(resolve(io.cwd, opts.out), yaml);
  else io.stdout.write(yaml);

  const n = result.members.length;
  tell(io, say.rosterImported(n, opts.out));
  for (const d of result.duplicates) tell(io, say.listedTwice(file, d.line, d.name));
  for (const r of result.unknownRole) {
    tell(io, say.roleUnknown(file, r.line, r.name, r.roleText));
  }
  if (result.unknownZone.length) {
    const count = result.unknownZone.reduce((s, u) => s + u.names.length, 0);
    tell(io, say.zoneUnknown(count, opts.orgs));
    for (const u of result.unknownZone) io.stderr.write(`  ${u.organization}: ${u.names.join(', ')}\n`);
  }
  return 0;
}
