import { errorText, fmtDate, fmtDateTime } from '../../services/time';

/** Beijing-time formatting lives in services/time (shared by every page); re-exported for this package. */
export { errorText, fmtDate, fmtDateTime };

const DAY = 24 * 3600_000;

/** '3月2日' from an ISO timestamp or a local date. */
export function monthDay(isoOrDate: string): string {
  const date = isoOrDate.length > 10 ? fmtDate(isoOrDate) : isoOrDate;
  const [, m, d] = date.split('-');
  return m && d ? `${Number(m)}月${Number(d)}日` : '';
}

/** What the deadline means for the person handling the case, in words. */
export function dueText(c: { dueAt: string; deadlineStatus: string }, now = Date.now()): string {
  switch (c.deadlineStatus) {
    case 'overdue': {
      // Counted in Beijing calendar days: due by the end of the 19th, on the 24th it is 5 days late.
      const days = Math.max(
        1,
        Math.round((Date.parse(`${fmtDate(new Date(now).toISOString())}T00:00:00Z`) - Date.parse(`${fmtDate(c.dueAt)}T00:00:00Z`)) / DAY),
      );
      return `已超期 ${days} 天（期限 ${monthDay(c.dueAt)}）`;
    }
    case 'due_soon':
      return `${monthDay(c.dueAt)}前须答复，即将到期`;
    case 'paused':
      return '待群众补正，暂停计时';
    case 'none':
      return `期限 ${monthDay(c.dueAt)}`;
    default:
      return `${monthDay(c.dueAt)}前答复`;
  }
}

/** 0.923 → '92.3%'; null (nothing to divide by) → '—'. */
export function percent(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  const p = v * 100;
  return `${Number.isInteger(p) ? p : p.toFixed(digits)}%`;
}
