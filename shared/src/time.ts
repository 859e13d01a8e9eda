/*
 * Beijing time (Asia/Shanghai: UTC+8 all year, no DST since 1991), the one
 * module every side reads dates through. The BFF may run in UTC and a phone may
 * be set to any zone; a deadline, a tracking number's date and a printed notice
 * must all name the same day. Instants are shifted so that their UTC fields are
 * Beijing's wall clock; nothing here asks the engine for local time.
 */

export const BEIJING_OFFSET_MS = 8 * 3600_000;

type Instant = Date | number | string;

function ms(at: Instant): number {
  return at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
}

/** The instant as a Date whose UTC fields read Beijing's wall clock; null for an unreadable value. */
export function beijingClock(at: Instant): Date | null {
  const t = ms(at);
  return Number.isNaN(t) ? null : new Date(t + BEIJING_OFFSET_MS);
}

function iso(at: Instant): string {
  const d = beijingClock(at);
  if (!d) throw new RangeError(`不是有效的时间：${String(at)}`);
  return d.toISOString();
}

/** '2026-03-02': the Beijing calendar date of an instant. */
export const beijingDate = (at: Instant): string => iso(at).slice(0, 10);

/** '2026-03-02 14:05': Beijing date and time to the minute. */
export const beijingDateTime = (at: Instant): string => {
  const s = iso(at);
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
};

/** The Beijing calendar year of an instant. */
export const beijingYear = (at: Instant): number => Number(iso(at).slice(0, 4));
