import type { OwedMessage } from '../itip/invite.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * What a dry run prints, in plain words: one line per message ("would send invitation to
 * ann@example.org: 11 meetings, Thu 14 Jan 2027 to Thu 9 Dec 2027"), then per group what it
 * adds up to ("wg-27: would send 6 invitations for 11 meetings, 1 update"). `verbose`: each
 * message as the send log knows it instead, with its kind, UID and SEQUENCE.
 */
export function dryRunLines(todo: readonly OwedMessage[], verbose: boolean): string[] {
  const lines = todo.map((j) =>
    verbose ? `would send ${j.key.kind} to ${j.key.recipient}: ${j.reason}` : `would send ${j.what} to ${j.key.recipient}: ${j.plain}`,
  );
  const groups = [...new Set(todo.map((j) => j.group))];
  for (const g of groups) {
    const mine = todo.filter((j) => j.group === g);
    const count = (what: OwedMessage['what']) => mine.filter((j) => j.what === what);
    // The meetings the invitations are for: each event's meetings, counted once.
    const meetings = (list: readonly OwedMessage[]) => [...new Map(list.map((j) => [j.key.uid, j.meetings ?? 0])).values()].reduce((a, b) => a + b, 0);
    const invitations = count('invitation');
    const parts = [
      invitations.length ? `${plural(invitations.length, 'invitation')} for ${plural(meetings(invitations), 'meeting')}` : '',
      count('update').length ? plural(count('update').length, 'update') : '',
      count('cancellation').length ? plural(count('cancellation').length, 'cancellation') : '',
      count('reminder').length ? plural(count('reminder').length, 'reminder') : '',
    ].filter(Boolean);
    lines.push(`${g}: would send ${parts.join(', ')}`);
  }
  return lines;
}
