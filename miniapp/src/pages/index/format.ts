import { BEIJING_OFFSET_MS } from '@zw/shared/time';

/** Dates and service facts in the words a citizen reads on a counter notice. */

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/*
 * Dates are the county's (Beijing time), whatever the phone's time zone: a deadline of
 * 23:59 on 9月30日 must not read 10月1日 on a phone abroad, and every page must agree
 * with the case page (packages/cases/format.ts).
 */

/** The instant shifted so that its UTC fields are Beijing's wall clock. A calendar date stays as written. */
function parse(value: string): Date | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms + BEIJING_OFFSET_MS);
}

/** 2025-05-12 */
export function ymd(value: string): string {
  const d = parse(value);
  return d ? `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` : value.slice(0, 10);
}

/** 12月5日, with the year only when it is not this (Beijing) year. */
export function chineseDate(value: string, now = new Date()): string {
  const d = parse(value);
  if (!d) return value.slice(0, 10);
  const md = `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
  return d.getUTCFullYear() === new Date(now.getTime() + BEIJING_OFFSET_MS).getUTCFullYear() ? md : `${d.getUTCFullYear()}年${md}`;
}

/** Query parameters arrive still URL-encoded in WeChat and in Taro's H5 router. */
export function decodeParam(value: string | undefined): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}
