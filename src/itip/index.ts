/**
 * iTIP planning (pure): who is owed which invitation, update, cancellation or reminder, at which
 * SEQUENCE. The send log is read through the `SentIndex` port (adapters/sendlog.ts implements
 * it; `EntryIndex` is an in-memory one).
 */
export { planInvitation, type Invitation } from './invitation.js';
export { planInvitations, planCancellation, type OwedMessage, type GroupInvitation } from './invite.js';
export { planReminders, changesSinceInvitation, regionsLine } from './remind.js';
export { cancelTargets, findByDate, cancelOne, seriesEvents, type FoundMeeting, type CancelTargets } from './cancel.js';
export { EntryIndex, heldSequence, type SentIndex, type SentEntry, type SentRecord } from './sent.js';
export { changeLines, movedLine, movedSinceTold, standingCancellations, toldStarts } from './words.js';
