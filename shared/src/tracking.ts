/**
 * Tracking numbers (受理编号) and query codes (查询码): one definition for the BFF
 * that issues them, the pages that show them and the forms that take them back.
 *
 * A tracking number is `QX` + the Beijing date (YYMMDD) + 8 random digits + a
 * Damm check digit, e.g. QX261203-4821-07356. Why this shape:
 * - room: 10⁸ numbers a day. At 1,000,000 cases in one day (a county has a few
 *   hundred) 1 % of the space is taken, so a new number collides with
 *   probability ≤ 1 % and 20 tries never all collide (10⁻⁴⁰);
 * - hard to guess: at a county's real volume (≤ 1,000 a day) one number in
 *   100,000 exists, so numbers cannot be walked; they are random, not a counter
 *   that tells how many messages an office gets;
 * - read over the phone: digits only after QX (no O/0, I/1 confusion), spoken in
 *   groups (date, 4, 5); the check digit catches every single wrong digit and
 *   every swap of two neighbours (Damm's algorithm) before a lookup is spent;
 * - the date lets staff and citizens place a number at a glance.
 * Numbers issued before this format (`QX` + YYMMDD + 4 digits) stay valid.
 *
 * A query code is 10 random digits (10¹⁰), given with anonymous messages and with
 * messages staff record for a citizen. It is the only secret: with lookups slowed
 * per address and per address + number, even 1,000 addresses guessing around the
 * clock would need decades for one case, so no number is ever locked against its
 * owner. Codes issued before were 6 digits and are still accepted.
 */

/** Damm's quasigroup of order 10 (totally anti-symmetric): the standard table. */
const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
] as const;

/** The Damm check digit of a string of digits. */
export function dammDigit(digits: string): number {
  let interim = 0;
  for (const ch of digits) interim = DAMM[interim]![ch.charCodeAt(0) - 48]!;
  return interim;
}

export const TRACKING_RANDOM_DIGITS = 8;
export const QUERY_CODE_DIGITS = 10;

const CURRENT = /^QX\d{15}$/;
const LEGACY = /^QX\d{10}$/;

/** A new tracking number for the Beijing date `yymmdd`, from 8 random digits. */
export function trackingNoOf(yymmdd: string, random: string): string {
  const body = `${yymmdd}${random}`;
  return `QX${body}${dammDigit(body)}`;
}

/**
 * What a person typed or pasted, as the stored form: full-width letters and digits
 * made half-width, spaces, dashes and dots dropped, letters upper-cased.
 */
export function normaliseCode(input: string): string {
  return input
    .replace(/[０-９Ａ-Ｚａ-ｚ]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\-－—–_.·]/g, '')
    .toUpperCase();
}

/** True for a tracking number this product issued: the current form with a right check digit, or the older form. */
export function isTrackingNo(no: string): boolean {
  if (LEGACY.test(no)) return true;
  return CURRENT.test(no) && dammDigit(no.slice(2)) === 0;
}

/** A tracking number grouped to be read aloud: QX261203-4821-07356 (older numbers unchanged). */
export function formatTrackingNo(no: string): string {
  return CURRENT.test(no) ? `${no.slice(0, 8)}-${no.slice(8, 12)}-${no.slice(12)}` : no;
}

/** True for a query code of the current (10 digits) or the older (6 digits) length. */
export function isQueryCode(code: string): boolean {
  return /^(?:\d{10}|\d{6})$/.test(code);
}

/** A query code grouped to be read aloud: 48210 73561. */
export function formatQueryCode(code: string): string {
  return code.length === QUERY_CODE_DIGITS ? `${code.slice(0, 5)} ${code.slice(5)}` : code;
}
