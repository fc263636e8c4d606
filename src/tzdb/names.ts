/*
 * Which zone names a user may write, and what to tell them when a name is not one.
 *
 * Accepted: every zone and link of the bundled IANA database (src/tzdb), exactly as spelled,
 * except the links that read like abbreviations (all capitals, no "/": EST, MST, HST, CET, GMT,
 * PRC...). Those are IANA's legacy names and say something else than people mean by them: EST
 * is a fixed UTC-05:00 without daylight saving, not US Eastern. UTC is accepted.
 *
 * Refused with a hint:
 * - abbreviations (CST, PST, IST, BST...) and fixed offsets ("UTC+2"): what they could mean,
 *   from the table below (curated: the database's abbreviations are per period, and one
 *   abbreviation names places on several continents);
 * - near misses: the same name in other letter case ("america/new_york": names are case
 *   sensitive, in tcon as in the database and in other programs reading the config), a city
 *   that is not a zone of its own ("Asia/Bangalore" -> Asia/Kolkata), a misspelling.
 */
import { allZoneNames, isZoneName, transitionsBetween, zoneRules } from './index.js';

/** What a refused name could mean: a description and the zone to write. */
export interface ZoneMeaning {
  label: string;
  zone: string;
}

export type ZoneNameProblem =
  /** An abbreviation or an abbreviation-like legacy link: what it could mean (possibly nothing known). */
  | { kind: 'abbreviation'; name: string; meanings: ZoneMeaning[] }
  /** A fixed offset such as "UTC+2" or "GMT-5". */
  | { kind: 'offset'; name: string; etc: string | undefined }
  /** Not a zone: names the user may have meant (possibly none). */
  | { kind: 'unknown'; name: string; suggestions: string[]; caseOnly: boolean };

/** Names in all capitals without "/" (EST, GMT, PRC, EST5EDT) read as abbreviations; UTC is the exception. */
function abbreviationLike(name: string): boolean {
  return name !== 'UTC' && !name.includes('/') && /^[A-Z][A-Z0-9+-]*$/.test(name);
}

/** Whether a user may write `name` as a zone (see the header). */
export function acceptedZoneName(name: string): boolean {
  return isZoneName(name) && !abbreviationLike(name);
}

const m = (label: string, zone: string): ZoneMeaning => ({ label, zone });

/**
 * Abbreviations people write for zones, and the zones they may mean (most likely first). The
 * first three of CST are those of issue reports: a Beijing member wrote CST and was read as US
 * Central.
 */
export const ABBREVIATIONS: Readonly<Record<string, readonly ZoneMeaning[]>> = {
  CST: [m('China Standard Time', 'Asia/Shanghai'), m('US Central', 'America/Chicago'), m('Cuba', 'America/Havana')],
  CDT: [m('US Central', 'America/Chicago'), m('Cuba', 'America/Havana')],
  CT: [m('US Central', 'America/Chicago')],
  EST: [m('US Eastern', 'America/New_York'), m('Australian Eastern', 'Australia/Sydney'), m("UTC-05:00 all year, IANA's EST", 'America/Panama')],
  EDT: [m('US Eastern', 'America/New_York')],
  ET: [m('US Eastern', 'America/New_York')],
  PST: [m('US Pacific', 'America/Los_Angeles'), m('Philippine Standard Time', 'Asia/Manila'), m('Pakistan Standard Time', 'Asia/Karachi')],
  PDT: [m('US Pacific', 'America/Los_Angeles')],
  PT: [m('US Pacific', 'America/Los_Angeles')],
  MST: [
    m('US Mountain', 'America/Denver'),
    m('Arizona, no daylight saving', 'America/Phoenix'),
    m('British Columbia', 'America/Vancouver'),
    m('Malaysia', 'Asia/Kuala_Lumpur'),
  ],
  MDT: [m('US Mountain', 'America/Denver')],
  MT: [m('US Mountain', 'America/Denver')],
  HST: [m('Hawaii', 'Pacific/Honolulu')],
  AKST: [m('Alaska', 'America/Anchorage')],
  AKDT: [m('Alaska', 'America/Anchorage')],
  AST: [m('Atlantic (Canada)', 'America/Halifax'), m('Arabia Standard Time', 'Asia/Riyadh'), m('Puerto Rico', 'America/Puerto_Rico')],
  ADT: [m('Atlantic (Canada)', 'America/Halifax')],
  NST: [m('Newfoundland', 'America/St_Johns')],
  NDT: [m('Newfoundland', 'America/St_Johns')],
  GMT: [m('Coordinated Universal Time', 'UTC'), m('UK time, GMT in winter and BST in summer', 'Europe/London')],
  UT: [m('Coordinated Universal Time', 'UTC')],
  UCT: [m('Coordinated Universal Time', 'UTC')],
  GMT0: [m('Coordinated Universal Time', 'UTC')],
  Z: [m('Coordinated Universal Time', 'UTC')],
  BST: [m('British Summer Time', 'Europe/London'), m('Bangladesh Standard Time', 'Asia/Dhaka')],
  IST: [m('India Standard Time', 'Asia/Kolkata'), m('Israel Standard Time', 'Asia/Jerusalem'), m('Irish Standard Time', 'Europe/Dublin')],
  IDT: [m('Israel Daylight Time', 'Asia/Jerusalem')],
  WET: [m('Western European Time', 'Europe/Lisbon')],
  WEST: [m('Western European Time', 'Europe/Lisbon')],
  CET: [m('Central European Time in France', 'Europe/Paris'), m('in Germany', 'Europe/Berlin')],
  CEST: [m('Central European Time in France', 'Europe/Paris'), m('in Germany', 'Europe/Berlin')],
  MET: [m('Central European Time in France', 'Europe/Paris'), m('in Germany', 'Europe/Berlin')],
  EET: [m('Eastern European Time in Finland', 'Europe/Helsinki'), m('in Greece', 'Europe/Athens'), m('in Egypt', 'Africa/Cairo')],
  EEST: [m('Eastern European Time in Finland', 'Europe/Helsinki'), m('in Greece', 'Europe/Athens')],
  MSK: [m('Moscow', 'Europe/Moscow')],
  TRT: [m('Turkey', 'Europe/Istanbul')],
  GST: [m('Gulf Standard Time', 'Asia/Dubai')],
  PKT: [m('Pakistan', 'Asia/Karachi')],
  NPT: [m('Nepal', 'Asia/Kathmandu')],
  ICT: [m('Indochina', 'Asia/Bangkok'), m('Vietnam', 'Asia/Ho_Chi_Minh')],
  WIB: [m('Western Indonesia', 'Asia/Jakarta')],
  SGT: [m('Singapore', 'Asia/Singapore')],
  HKT: [m('Hong Kong', 'Asia/Hong_Kong')],
  PHT: [m('Philippines', 'Asia/Manila')],
  JST: [m('Japan Standard Time', 'Asia/Tokyo')],
  KST: [m('Korea Standard Time', 'Asia/Seoul')],
  AEST: [m('Australian Eastern', 'Australia/Sydney'), m('Queensland, no daylight saving', 'Australia/Brisbane')],
  AEDT: [m('Australian Eastern', 'Australia/Sydney')],
  ACST: [m('Australian Central', 'Australia/Adelaide'), m('Northern Territory, no daylight saving', 'Australia/Darwin')],
  ACDT: [m('Australian Central', 'Australia/Adelaide')],
  AWST: [m('Australian Western', 'Australia/Perth')],
  NZST: [m('New Zealand', 'Pacific/Auckland')],
  NZDT: [m('New Zealand', 'Pacific/Auckland')],
  SAST: [m('South Africa', 'Africa/Johannesburg')],
  CAT: [m('Central Africa', 'Africa/Maputo')],
  EAT: [m('East Africa', 'Africa/Nairobi')],
  WAT: [m('West Africa', 'Africa/Lagos')],
  BRT: [m('Brasília', 'America/Sao_Paulo')],
  ART: [m('Argentina', 'America/Argentina/Buenos_Aires')],
  // IANA's abbreviation-like legacy links not listed above.
  PRC: [m('China', 'Asia/Shanghai')],
  ROC: [m('Taiwan', 'Asia/Taipei')],
  ROK: [m('South Korea', 'Asia/Seoul')],
  NZ: [m('New Zealand', 'Pacific/Auckland')],
  'NZ-CHAT': [m('Chatham Islands', 'Pacific/Chatham')],
  GB: [m('United Kingdom', 'Europe/London')],
  'GB-EIRE': [m('United Kingdom', 'Europe/London'), m('Ireland', 'Europe/Dublin')],
  'W-SU': [m('Moscow', 'Europe/Moscow')],
  EST5EDT: [m('US Eastern', 'America/New_York')],
  CST6CDT: [m('US Central', 'America/Chicago')],
  MST7MDT: [m('US Mountain', 'America/Denver')],
  PST8PDT: [m('US Pacific', 'America/Los_Angeles')],
};

/**
 * Cities people write as zones that are not zones of their own (a zone is named after the
 * largest city of an area with one clock history): the city, without spaces or case, and its
 * zone. A name "Area/City" or "City" whose city is here is suggested that zone.
 */
export const CITIES: Readonly<Record<string, string>> = {
  // India
  bangalore: 'Asia/Kolkata',
  bengaluru: 'Asia/Kolkata',
  mumbai: 'Asia/Kolkata',
  bombay: 'Asia/Kolkata',
  delhi: 'Asia/Kolkata',
  newdelhi: 'Asia/Kolkata',
  chennai: 'Asia/Kolkata',
  madras: 'Asia/Kolkata',
  hyderabad: 'Asia/Kolkata',
  pune: 'Asia/Kolkata',
  india: 'Asia/Kolkata',
  // China
  beijing: 'Asia/Shanghai',
  peking: 'Asia/Shanghai',
  shenzhen: 'Asia/Shanghai',
  guangzhou: 'Asia/Shanghai',
  hangzhou: 'Asia/Shanghai',
  nanjing: 'Asia/Shanghai',
  wuhan: 'Asia/Shanghai',
  chengdu: 'Asia/Shanghai',
  xian: 'Asia/Shanghai',
  tianjin: 'Asia/Shanghai',
  suzhou: 'Asia/Shanghai',
  china: 'Asia/Shanghai',
  // Japan, Korea, Taiwan
  osaka: 'Asia/Tokyo',
  kyoto: 'Asia/Tokyo',
  yokohama: 'Asia/Tokyo',
  nagoya: 'Asia/Tokyo',
  sapporo: 'Asia/Tokyo',
  fukuoka: 'Asia/Tokyo',
  japan: 'Asia/Tokyo',
  busan: 'Asia/Seoul',
  incheon: 'Asia/Seoul',
  korea: 'Asia/Seoul',
  hsinchu: 'Asia/Taipei',
  taichung: 'Asia/Taipei',
  kaohsiung: 'Asia/Taipei',
  taiwan: 'Asia/Taipei',
  // Rest of Asia
  hanoi: 'Asia/Bangkok',
  saigon: 'Asia/Ho_Chi_Minh',
  lahore: 'Asia/Karachi',
  islamabad: 'Asia/Karachi',
  abudhabi: 'Asia/Dubai',
  telaviv: 'Asia/Jerusalem',
  haifa: 'Asia/Jerusalem',
  ankara: 'Europe/Istanbul',
  cebu: 'Asia/Manila',
  bandung: 'Asia/Jakarta',
  surabaya: 'Asia/Jakarta',
  penang: 'Asia/Kuala_Lumpur',
  // United States
  sanfrancisco: 'America/Los_Angeles',
  seattle: 'America/Los_Angeles',
  sandiego: 'America/Los_Angeles',
  sanjose: 'America/Los_Angeles',
  portland: 'America/Los_Angeles',
  lasvegas: 'America/Los_Angeles',
  pacific: 'America/Los_Angeles',
  california: 'America/Los_Angeles',
  boston: 'America/New_York',
  washington: 'America/New_York',
  washingtondc: 'America/New_York',
  philadelphia: 'America/New_York',
  atlanta: 'America/New_York',
  miami: 'America/New_York',
  pittsburgh: 'America/New_York',
  baltimore: 'America/New_York',
  newyorkcity: 'America/New_York',
  nyc: 'America/New_York',
  eastern: 'America/New_York',
  dallas: 'America/Chicago',
  houston: 'America/Chicago',
  austin: 'America/Chicago',
  minneapolis: 'America/Chicago',
  stlouis: 'America/Chicago',
  central: 'America/Chicago',
  saltlakecity: 'America/Denver',
  albuquerque: 'America/Denver',
  mountain: 'America/Denver',
  honolulu: 'Pacific/Honolulu',
  hawaii: 'Pacific/Honolulu',
  // Canada, Latin America
  ottawa: 'America/Toronto',
  montreal: 'America/Toronto',
  quebec: 'America/Toronto',
  calgary: 'America/Edmonton',
  riodejaneiro: 'America/Sao_Paulo',
  rio: 'America/Sao_Paulo',
  brasilia: 'America/Sao_Paulo',
  guadalajara: 'America/Mexico_City',
  monterrey: 'America/Monterrey',
  medellin: 'America/Bogota',
  // Europe
  frankfurt: 'Europe/Berlin',
  munich: 'Europe/Berlin',
  hamburg: 'Europe/Berlin',
  cologne: 'Europe/Berlin',
  erlangen: 'Europe/Berlin',
  geneva: 'Europe/Zurich',
  basel: 'Europe/Zurich',
  milan: 'Europe/Rome',
  turin: 'Europe/Rome',
  barcelona: 'Europe/Madrid',
  lyon: 'Europe/Paris',
  marseille: 'Europe/Paris',
  toulouse: 'Europe/Paris',
  manchester: 'Europe/London',
  edinburgh: 'Europe/London',
  cambridge: 'Europe/London',
  oxford: 'Europe/London',
  rotterdam: 'Europe/Amsterdam',
  eindhoven: 'Europe/Amsterdam',
  thehague: 'Europe/Amsterdam',
  antwerp: 'Europe/Brussels',
  gothenburg: 'Europe/Stockholm',
  krakow: 'Europe/Warsaw',
  porto: 'Europe/Lisbon',
  stpetersburg: 'Europe/Moscow',
  saintpetersburg: 'Europe/Moscow',
  kiev: 'Europe/Kyiv',
  // Oceania, Africa
  canberra: 'Australia/Sydney',
  wellington: 'Pacific/Auckland',
  christchurch: 'Pacific/Auckland',
  capetown: 'Africa/Johannesburg',
  pretoria: 'Africa/Johannesburg',
  abuja: 'Africa/Lagos',
  rabat: 'Africa/Casablanca',
};

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Edit distance (insertions, deletions, substitutions, transpositions), stopping above `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

const cityOf = (name: string) => name.slice(name.lastIndexOf('/') + 1);

/** Zones the user may have meant by `name`, best first (at most three). */
function nearMisses(name: string): { suggestions: string[]; caseOnly: boolean } {
  const all = allZoneNames().filter(acceptedZoneName);
  const lower = name.toLowerCase();
  const sameLetters = all.find((z) => z.toLowerCase() === lower);
  if (sameLetters) return { suggestions: [sameLetters], caseOnly: true };
  const city = squash(cityOf(name));
  const out: string[] = [];
  const add = (z: string | undefined) => {
    if (z && !out.includes(z) && out.length < 3) out.push(z);
  };
  add(CITIES[city]);
  // The city in another area ("Europe/Tokyo"), or written with spaces ("New York").
  for (const z of all) if (city && squash(cityOf(z)) === city) add(z);
  if (out.length === 0 && city.length >= 4) {
    // A misspelling: of the whole name, or of the city part.
    const max = Math.max(1, Math.floor(name.length / 8));
    const scored = all
      .map((z) => ({ z, d: Math.min(distance(lower, z.toLowerCase(), max), distance(city, squash(cityOf(z)), max)) }))
      .filter((s) => s.d <= max)
      .sort((a, b) => a.d - b.d || zoneRules(b.z).population - zoneRules(a.z).population);
    for (const s of scored) add(s.z);
  }
  return { suggestions: out, caseOnly: false };
}

/**
 * Zones whose abbreviation was `abbr` at some time in 2020-2030, most populous first: what an
 * abbreviation the table above does not know may mean.
 */
function zonesUsing(abbr: string): ZoneMeaning[] {
  const from = Date.UTC(2020, 0, 1);
  const to = Date.UTC(2031, 0, 1);
  const found: { zone: string; population: number }[] = [];
  const seen = new Set<ReturnType<typeof zoneRules>>();
  for (const z of allZoneNames()) {
    if (!acceptedZoneName(z)) continue;
    const r = zoneRules(z);
    if (seen.has(r)) continue;
    const abbrs = new Set(transitionsBetween(z, from, to).flatMap((t) => [t.abbrFrom, t.abbrTo]));
    if (abbrs.size === 0) abbrs.add(r.abbrs[r.abbrs.length - 1]!);
    if (abbrs.has(abbr)) {
      seen.add(r);
      found.push({ zone: z, population: r.population });
    }
  }
  return found
    .sort((a, b) => b.population - a.population)
    .slice(0, 3)
    .map((f) => m(`${abbr} in the tz database`, f.zone));
}

/** Why a user may not write `name` as a zone, with what they may have meant; undefined when they may. */
export function zoneNameProblem(name: string): ZoneNameProblem | undefined {
  if (acceptedZoneName(name)) return undefined;
  const fixed = /^(?:UTC|GMT|UT)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/i.exec(name.trim());
  if (fixed) {
    const hours = Number(fixed[2]);
    const whole = !fixed[3] || fixed[3] === '00';
    // Etc/GMT names have the POSIX sign: UTC+2 is Etc/GMT-2.
    const etc = !whole || hours > 14 ? undefined : hours === 0 ? 'UTC' : `Etc/GMT${fixed[1] === '+' ? '-' : '+'}${hours}`;
    return { kind: 'offset', name, etc: etc && isZoneName(etc) ? etc : undefined };
  }
  const known = name.includes('/') ? undefined : ABBREVIATIONS[name.toUpperCase()];
  if (known) return { kind: 'abbreviation', name, meanings: [...known] };
  // Capitals only: an abbreviation, never a misspelt zone. Those the table does not know may
  // still be in the database's abbreviations; else there is nothing to suggest.
  if (/^[A-Z]{2,5}$/.test(name)) return { kind: 'abbreviation', name, meanings: zonesUsing(name) };
  return { kind: 'unknown', name, ...nearMisses(name) };
}
