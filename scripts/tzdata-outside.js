// The bundle's time-zone data outside its text (scripts/bundle.js). The IANA data
// (dist/tzdb/data.generated.js, 0.7 MB) was a third of the bundle, and every start read that text
// and made a string of it: twice its size in memory touched, about 5 ms of each start on a
// virtual machine where a page touched for the first time costs microseconds (issue 14), for the
// few zones of 344 a run uses. The build therefore writes the records into dist/bundle/tcon.tzdata
// and gives the bundle a stand-in for the module, with the same exports, that reads a zone's
// record from the file the first time the zone is used. The data is the same: each zone's record
// as the module has it, after a line naming the release and the SHA-256 of the records, which the
// stand-in checks before it reads one (a file from another build is refused, never read as
// offsets). The library (dist/, unbundled) keeps the module itself.
import { createHash } from 'node:crypto';

export const TZDATA_FILE = 'tcon.tzdata';

/**
 * The file's text and the stand-in module's source for the data module `tzdb` ({ ZONES, LINKS,
 * VERSION }). The stand-in is an ES module that imports './version.generated.js' and finds the
 * file next to itself (import.meta.url: in the bundle, the bundle's own URL).
 */
export function tzdataOutside(tzdb) {
  const names = Object.keys(tzdb.ZONES);
  const records = names.map((name) => tzdb.ZONES[name]());
  const body = records.join('');
  if (!/^[\x20-\x7e]*$/.test(body)) throw new Error('time-zone records are not printable ASCII');
  const head = `tcon-tzdata ${tzdb.VERSION} ${createHash('sha256').update(body).digest('hex')}\n`;
  const standIn = `// The bundle's stand-in for dist/tzdb/data.generated.js (scripts/tzdata-outside.js): the records are in ${TZDATA_FILE}.
import { closeSync, openSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
export { VERSION, SOURCE } from './version.generated.js';

const FILE = new URL(${JSON.stringify(TZDATA_FILE)}, import.meta.url);
const HEAD = ${JSON.stringify(head)};
const NAMES = ${JSON.stringify(names)};
const LENGTHS = ${JSON.stringify(records.map((r) => r.length))};
let checked = false;

function notOurs(why) {
  return new Error(\`\${fileURLToPath(FILE)} \${why}: it is not the time-zone data this build of tcon was made with (run \\\`npm run build\\\` in the tcon package)\`);
}

function read(fd, at, length) {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  for (let n = 1; done < length && n > 0; done += n) n = readSync(fd, buffer, done, length - done, at + done);
  if (done !== length) throw notOurs('is too short');
  return buffer.toString('latin1');
}

/** The record at \`at\` (\`length\` characters) of the file, whose first line is checked once. */
function record(at, length) {
  let fd;
  try {
    fd = openSync(FILE, 'r');
  } catch (e) {
    throw e.code === 'ENOENT' ? notOurs('is missing') : e;
  }
  try {
    if (!checked && read(fd, 0, HEAD.length) !== HEAD) throw notOurs('has another release or build');
    checked = true;
    return read(fd, at, length);
  } finally {
    closeSync(fd);
  }
}

export const ZONES = {};
for (let i = 0, at = HEAD.length; i < NAMES.length; at += LENGTHS[i++]) {
  const from = at;
  const length = LENGTHS[i];
  ZONES[NAMES[i]] = () => record(from, length);
}

export const LINKS = ${JSON.stringify(tzdb.LINKS)};
`;
  return { data: head + body, standIn };
}
