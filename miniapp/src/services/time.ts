import { beijingClock, localDate } from '@zw/shared/time';

/*
 * Dates and times as the county reads them: Beijing time, whatever the phone's
 * time zone. One module for every page (citizen, staff, editor), so a deadline
 * reads the same day everywhere.
 */
const beijing = (iso: string): Date | null => beijingClock(iso);

/** '2026-03-02' (empty for nothing or garbage). */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '';
  try {
    return localDate(iso);
  } catch {
    const d = beijing(iso);
    return d ? d.toISOString().slice(0, 10) : '';
  }
}

/** '2026-03-02 14:05' */
export function fmtDateTime(iso: string | null | undefined): string {
  const d = iso ? beijing(iso) : null;
  if (!d) return '';
  const s = d.toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}

/** A failure's message for a toast or banner (ApiError messages are already plain Chinese). */
export function errorText(err: unknown, fallback = '操作没有成功，请稍后再试'): string {
  return err instanceof Error && err.message ? err.message : fallback;
}
