/*
 * Email addresses and the text that goes into mail headers: one rule for the config, the mail
 * and the calendar, so that what the config accepts is what a message and an ATTENDEE can carry.
 */
import { hasControl } from './text.js';

/**
 * Whether `email` is a placeholder, not an address: its domain is under `.invalid`, the TLD
 * reserved for names that must never resolve (RFC 2606; `tcon roster import` writes
 * `first.last@unknown.invalid` for members without a known address). Nothing is sent there,
 * and invitations do not list them as attendees (a client would send them the iTIP replies).
 */
export function isPlaceholderAddress(email: string): boolean {
  return /\.invalid\.?$/i.test(email.trim());
}

// RFC 5322 3.2.3 atext, plus letters, marks and digits of any script (RFC 6531's UTF-8 mailboxes).
const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\p{L}\\p{M}\\p{N}]";
// Invisible or look-alike-making code points: controls, format characters (zero-width space and
// joiners, bidi overrides, BOM), separators, private use, unassigned.
// Made on first use: building their Unicode classes took 1-2 ms of every start, and a config of
// plain ASCII addresses never needs them (config/resolve.ts checks those with a simpler pattern).
let patterns: { local: RegExp; label: RegExp; invisible: RegExp } | undefined;
function addressPatterns(): { local: RegExp; label: RegExp; invisible: RegExp } {
  return (patterns ??= {
    local: new RegExp(`^${ATEXT}+(\\.${ATEXT}+)*$`, 'u'),
    label: new RegExp('^[A-Za-z0-9\\p{L}\\p{M}\\p{N}]([A-Za-z0-9\\p{L}\\p{M}\\p{N}-]*[A-Za-z0-9\\p{L}\\p{M}\\p{N}])?$', 'u'),
    invisible: /[\p{C}\p{Z}]/u,
  });
}

/**
 * Why `value` is not an address tcon can send to, or undefined when it is one: a dot-atom
 * `local@domain` (RFC 5322 3.4.1 without quoted local parts, comments or domain literals), a
 * domain of at least two labels and no final dot (RFC 5321 4.1.2's Domain: a server answers
 * "example.org." with 501 in the middle of a batch). One address, so never a list
 * (`a,b@example.org`). Lengths are counted in octets (RFC 5321 4.5.3.1, RFC 6531 3.3).
 */
export function addressProblem(value: string): string | undefined {
  const { local: LOCAL, label: LABEL, invisible: INVISIBLE } = addressPatterns();
  const invisible = INVISIBLE.exec(value);
  if (invisible) {
    const cp = invisible[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return `it contains U+${cp}, an invisible or control character`;
  }
  const at = value.lastIndexOf('@');
  if (at < 0) return 'it has no "@"';
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.includes('@')) return 'it has more than one "@"';
  if (!local || !LOCAL.test(local)) return `"${local}" before the "@" is not a plain mailbox name (letters, digits, . and !#$%&'*+/=?^_\`{|}~-, no comma)`;
  if (octets(local) > 64) return 'the part before the "@" is longer than 64 octets';
  if (domain.endsWith('.')) return `"${domain}" ends with a dot: write the domain without it`;
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l) && octets(l) <= 63)) return `"${domain}" is not a domain name`;
  if (octets(value) > 254) return 'it is longer than 254 octets';
  return undefined;
}

/** The length of `text` in UTF-8 octets, as SMTP counts it. */
function octets(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** The longest name or title that goes into a header (From, To, Subject): a header line stays short. */
export const MAX_HEADER_TEXT = 200;

/** An RFC 2047 encoded word: a reader decodes it, so it could smuggle CR/LF into what it shows. */
export const ENCODED_WORD = /=\?[^?\s]*\?[bBqQ]\?[^?\s]*\?=/;

/**
 * Why `value` cannot be a name or title in mail headers, or undefined: too long, a line break or
 * control character, or an encoded word (tcon encodes names itself).
 */
export function headerTextProblem(value: string): string | undefined {
  if (value.length > MAX_HEADER_TEXT) return `it is ${value.length} characters long (at most ${MAX_HEADER_TEXT}: it goes into mail headers)`;
  if (hasControl(value)) return 'it contains a line break or control character (it goes into mail headers)';
  if (ENCODED_WORD.test(value)) return 'it contains an RFC 2047 encoded word ("=?charset?Q?...?="): write the text itself, tcon encodes it';
  return undefined;
}
