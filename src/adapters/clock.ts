import { DateTime } from 'luxon';

/** The one place that reads the machine's clock. Always UTC: the machine's zone is never used. */
export function systemNow(): DateTime {
  return DateTime.utc();
}
