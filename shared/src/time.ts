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

// ---------------------------------------------------------------- calendar dates and strict timestamps
// (the deadline arithmetic in cases/deadlines.ts is built on these; dates become day numbers, plain integers)

export const DAY_MS = 24 * 60 * 60 * 1000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date (a RangeError for a malformed or impossible date). */
export function toDayNumber(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`日期格式应为 YYYY-MM-DD：${date}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) {
    throw new RangeError(`日期不存在：${date}`);
  }
  return Math.floor(t.getTime() / DAY_MS);
}

/** The 'YYYY-MM-DD' date of a day number. */
export function fromDayNumber(n: number): string {
  const t = new Date(n * DAY_MS);
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth() + 1;
  const d = t.getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `date` plus `n` calendar days (n may be negative). */
export function addCalendarDays(date: string, n: number): string {
  return fromDayNumber(toDayNumber(date) + n);
}

const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * Milliseconds since the epoch for an ISO timestamp. The offset is mandatory: without
 * it JS would read the time in the machine's zone. Parsed by hand because engines differ
 * on fractional seconds beyond 3 digits (the mini-program runs on JavaScriptCore on iOS).
 */
export function parseTimestamp(iso: string): number {
  const m = TIMESTAMP_RE.exec(iso);
  if (!m) throw new RangeError(`时间格式应为带时区的 ISO 8601，如 2026-09-25T02:00:00.000Z：${iso}`);
  const [, , , , hh, mi, ss, frac, zone, sign, oh, om] = m;
  const day = toDayNumber(iso.slice(0, 10));
  const h = Number(hh);
  const min = Number(mi);
  const s = Number(ss ?? 0);
  if (h > 23 || min > 59 || s > 59) throw new RangeError(`时间不存在：${iso}`);
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0; // digits, not floats: 0.57 * 1000 is 569.99…
  let offset = 0;
  if (zone !== 'Z') {
    if (Number(oh) > 23 || Number(om) > 59) throw new RangeError(`时区不正确：${iso}`);
    offset = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
  }
  return day * DAY_MS + ((h * 60 + min) * 60 + s) * 1000 + ms - offset;
}

/** The Asia/Shanghai calendar date of a timestamp: '2026-09-29T16:30:00Z' → '2026-09-30'. */
export function localDate(isoTimestamp: string): string {
  return fromDayNumber(Math.floor((parseTimestamp(isoTimestamp) + BEIJING_OFFSET_MS) / DAY_MS));
}

/** The UTC ISO timestamp of 23:59:59.999 in Shanghai on `date`: '2026-09-30' → '2026-09-30T15:59:59.999Z'. */
export function endOfLocalDay(date: string): string {
  return new Date((toDayNumber(date) + 1) * DAY_MS - BEIJING_OFFSET_MS - 1).toISOString();
}
