import { beijingClock } from '@zw/shared/time';

/* Plain-text formatting shared by the guide and the policy pages. */

/** A stored UTC timestamp as the calendar date in China (YYYY-MM-DD), whatever the phone's time zone. */
export function chinaDate(timestamp: string): string {
  return beijingClock(timestamp)?.toISOString().slice(0, 10) ?? timestamp.slice(0, 10);
}
