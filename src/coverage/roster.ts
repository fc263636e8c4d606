import { Document, isMap, isScalar, type Pair } from 'yaml';
import { readYaml, type ConfigProblem } from '../config/problems.js';
import { findRegion } from '../config/regions.js';
import { isValidZone } from '../schedule/zoned.js';
import { placeError } from '../config/zones.js';
import type { MemberRole, RegionSet } from '../schedule/types.js';
import { oneLine } from '../schedule/text.js';

/*
 * `tcon roster import`: the attendance table of the minutes (tab-separated: present mark, first
 * name, last name, organization, role) → roster YAML for a group file. Pure: text in, text out.
 * Zones come only from the organization mapping; a member whose organization is not mapped gets
 * no zone and is listed, never guessed.
 */

export interface AttendanceRow {
  line: number;
  present: boolean;
  firstName: string;
  lastName: string;
  organization: string;
  /** The role as written ("Voting", "Alt. Voting", "Observer", or empty). */
  roleText: string;
}

/** Control characters never reach names (they end up in mail headers and ICS). */
const clean = oneLine;

/** The rows of every attendance table in `text`; other lines (the minutes' prose) are ignored. */
export function parseAttendance(text: string): AttendanceRow[] {
  const rows: AttendanceRow[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.includes('\t')) return;
    const cells = raw.split('\t').map(clean);
    if (cells.length < 4) return;
    const [mark, firstName, lastName, organization, roleText] = cells as [string, string, string, string, string | undefined];
    if (!firstName || !lastName) return;
    rows.push({ line: i + 1, present: mark !== '', firstName, lastName, organization, roleText: roleText ?? '' });
  });
  return rows;
}

/** "Voting" → voting, "Alt. Voting" → alternate, "Observer" → observer; unknown or empty → undefined. */
export function roleFromText(text: string): MemberRole | undefined {
  const t = text.toLowerCase().replace(/\./g, '').replace(/\s+/g, ' ').trim();
  if (t === 'voting' || t === 'voting member' || t === 'member') return 'voting';
  if (/^(alt|alternate)( voting)?$/.test(t)) return 'alternate';
  if (t === 'observer') return 'observer';
  if (/^(co-?)?chair$/.test(t)) return 'chair';
  return undefined;
}

/** Where an organization's people are: an IANA zone or a region id. */
export interface OrgPlace {
  zone?: string;
  region?: string;
}

/**
 * The organization mapping file: `Organization name: Zone/Name` or `: region-id`, one per line.
 * Names match case-insensitively. Problems carry file:line:col.
 */
export function parseOrgMap(text: string, file: string, regions: RegionSet): { orgs?: Map<string, OrgPlace>; problems: ConfigProblem[] } {
  const { doc, map, problems: syntax } = readYaml(text, file);
  if (syntax.length) return { problems: syntax };
  const problems: ConfigProblem[] = [];
  const orgs = new Map<string, OrgPlace>();
  if (doc.contents === null) return { orgs, problems };
  if (!isMap(doc.contents)) return { problems: [map.problem([], 'expected a mapping of organization names to zones or regions')] };
  for (const item of doc.contents.items as Pair[]) {
    const key = isScalar(item.key) ? String(item.key.value) : undefined;
    if (key === undefined) continue;
    const value = isScalar(item.value) ? item.value.value : undefined;
    if (typeof value !== 'string') {
      problems.push(map.problem([key], `expected an IANA zone or a region id for "${key}"`));
      continue;
    }
    const region = findRegion(regions, value);
    if (region) orgs.set(clean(key).toLowerCase(), { region: region.id });
    else if (isValidZone(value)) orgs.set(clean(key).toLowerCase(), { zone: value });
    else {
      problems.push(map.problem([key], placeError(value, regions)));
    }
  }
  problems.sort((a, b) => a.line - b.line || a.col - b.col);
  return problems.length ? { problems } : { orgs, problems };
}

export interface ImportedMember {
  name: string;
  email: string;
  organization: string | undefined;
  role: MemberRole;
  zone?: string;
  region?: string;
}

export interface RosterImport {
  members: ImportedMember[];
  /** Members whose organization has no zone in the mapping, by organization. */
  unknownZone: { organization: string; names: string[] }[];
  /** Rows whose role text was not understood (imported as observers). */
  unknownRole: { name: string; roleText: string; line: number }[];
  /** Rows naming someone already imported (skipped). */
  duplicates: { name: string; line: number }[];
}

/** "Jörg" → "jorg": the local part of a placeholder address. */
function slug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The domain of placeholder addresses: `.invalid` is reserved (RFC 2606), so nothing is ever delivered. */
export const PLACEHOLDER_DOMAIN = 'unknown.invalid';

export function importRoster(rows: readonly AttendanceRow[], orgs: ReadonlyMap<string, OrgPlace>, opts: { presentOnly?: boolean } = {}): RosterImport {
  const members: ImportedMember[] = [];
  const unknown = new Map<string, string[]>();
  const unknownRole: RosterImport['unknownRole'] = [];
  const duplicates: RosterImport['duplicates'] = [];
  const seen = new Set<string>();
  const emails = new Set<string>();
  for (const row of rows) {
    if (opts.presentOnly && !row.present) continue;
    const name = `${row.firstName} ${row.lastName}`;
    const key = `${name.toLowerCase()}|${row.organization.toLowerCase()}`;
    if (seen.has(key)) {
      duplicates.push({ name, line: row.line });
      continue;
    }
    seen.add(key);
    const role = roleFromText(row.roleText);
    if (!role) unknownRole.push({ name, roleText: row.roleText, line: row.line });
    const base = `${slug(row.firstName) || 'member'}.${slug(row.lastName) || 'member'}`;
    let email = `${base}@${PLACEHOLDER_DOMAIN}`;
    for (let n = 2; emails.has(email); n++) email = `${base}-${n}@${PLACEHOLDER_DOMAIN}`;
    emails.add(email);
    const place = orgs.get(row.organization.toLowerCase());
    if (!place) {
      const org = row.organization || '(no organization)';
      unknown.set(org, [...(unknown.get(org) ?? []), name]);
    }
    members.push({ name, email, organization: row.organization || undefined, role: role ?? 'observer', ...place });
  }
  return {
    members,
    unknownZone: [...unknown.entries()].map(([organization, names]) => ({ organization, names })),
    unknownRole,
    duplicates,
  };
}

/** Roster YAML: a `members:` list to paste into a group file (one flow mapping per member). */
export function renderRosterYaml(result: RosterImport, source: string): string {
  const doc = new Document({ members: result.members.map((m) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined))) });
  const list = doc.get('members', true) as { items: { flow?: boolean }[] } | undefined;
  for (const item of list?.items ?? []) item.flow = true;
  doc.commentBefore = [
    ` Roster imported from ${clean(source)} by tcon roster import.`,
    ` The attendance table has no email addresses: every address ends in @${PLACEHOLDER_DOMAIN}`,
    ' (reserved, never delivered); replace them before sending invitations.',
    ...(result.unknownZone.length
      ? [` ${noZone(result.unknownZone.reduce((n, u) => n + u.names.length, 0))} (organization not in the mapping): add zone: or region:.`]
      : []),
  ].join('\n');
  return doc.toString({ lineWidth: 0 });
}

function noZone(n: number): string {
  return n === 1 ? '1 member has no zone' : `${n} members have no zone`;
}
