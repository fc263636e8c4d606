/**
 * Whether `email` is a placeholder, not an address: its domain is under `.invalid`, the TLD
 * reserved for names that must never resolve (RFC 2606; `tcon roster import` writes
 * `first.last@unknown.invalid` for members without a known address). Nothing is sent there,
 * and invitations do not list them as attendees (a client would send them the iTIP replies).
 */
export function isPlaceholderAddress(email: string): boolean {
  return /\.invalid\.?$/i.test(email.trim());
}
