/*
 * Text hygiene for mail. Every string from the config (names, titles, notes, reasons) passes
 * through here before it reaches a header or an HTML body.
 */

// C0 and C1 controls, DEL, and the Unicode line/paragraph separators: any of them in a header
// value could end the header (CR/LF) or confuse a parser.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** A single-line header value: control characters (CR, LF, TAB, ...) become one space. */
export function headerSafe(value: string): string {
  return value.replace(CONTROL, ' ').replace(/ {2,}/g, ' ').trim();
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const ADDRESS = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/;

/** Whether `value` is a plain addr-spec that cannot carry extra recipients or headers. */
export function isSafeAddress(value: string): boolean {
  return ADDRESS.test(value) && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value);
}

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
