import { ENCODED_WORD, MAX_HEADER_TEXT } from '../schedule/address.js';
import { cut, oneLine } from '../schedule/text.js';

/*
 * Text hygiene for mail. Every string from the config (names, titles, notes, reasons) passes
 * through here before it reaches a header or an HTML body.
 */

/**
 * A single-line header value: control characters (CR, LF, TAB, ...) become one space; an RFC 2047
 * encoded word is defused ("=?" becomes "= ?": a reader would decode it, CR/LF included); at most
 * `max` characters (a header line stays well under RFC 5322's 998). The config refuses such names
 * and titles; this guards the library API and text from elsewhere (a --reason).
 */
export function headerSafe(value: string, max = 4 * MAX_HEADER_TEXT): string {
  let out = oneLine(value);
  while (ENCODED_WORD.test(out)) out = out.replace(/=\?/g, '= ?');
  return cut(out, max);
}

/** HTML escaping: the one rule (schedule/text.ts). */
export { escapeHtml } from '../schedule/text.js';

/** Placeholder addresses (`@unknown.invalid`): never a recipient. */
export { isPlaceholderAddress } from '../schedule/address.js';

/**
 * 64-bit FNV-1a of a string, as 16 hex digits: stable ids (Message-ID, file names) from a key,
 * without a crypto dependency in the pure core. Not a security hash.
 */
export function fnv1a64(text: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const bytes = new TextEncoder().encode(text);
  for (const b of bytes) {
    h ^= BigInt(b);
    h = (h * prime) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}
