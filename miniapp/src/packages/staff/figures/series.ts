import { addCalendarDays, type DailyStats } from '@zw/shared';

/*
 * The figures page asks the BFF for one period and draws it in a handful of
 * columns a phone can show with their numbers: days for a week, weeks for two
 * months, months for half a year. Pure functions, tested in series.test.ts.
 */

export type PeriodKey = '7d' | '8w' | '6m';
export const periods: Array<{ key: PeriodKey; label: string; unit: string }> = [
  { key: '7d', label: '近 7 天', unit: '按日' },
  { key: '8w', label: '近 8 周', unit: '按周（周一起）' },
  { key: '6m', label: '近 6 个月', unit: '按月' },
];

/** 0 = Monday … 6 = Sunday, for a YYYY-MM-DD date. */
function weekday(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

function monthStart(date: string, monthsBack: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 - monthsBack;
  const d = new Date(Date.UTC(y, m, 1));
  return d.toISOString().slice(0, 10);
}

/** The request's dates (Beijing-local, both ends included) for a period ending today. */
export function periodRange(key: PeriodKey, today: string): { from: string; to: string } {
  if (key === '7d') return { from: addCalendarDays(today, -6), to: today };
  if (key === '8w') return { from: addCalendarDays(today, -weekday(today) - 7 * 7), to: today };
  return { from: monthStart(today, 5), to: today };
}

export type Bucket = { label: string; title: string; received: number; closed: number };

const md = (date: string) => `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;

/** Daily figures folded into the period's columns, oldest first; every column present, zeros included. */
export function buckets(key: PeriodKey, daily: DailyStats[]): Bucket[] {
  const out = new Map<string, Bucket>();
  for (const d of daily) {
    let k: string;
    let label: string;
    let title: string;
    if (key === '7d') {
      k = d.date;
      label = md(d.date);
      title = `${Number(d.date.slice(5, 7))}月${Number(d.date.slice(8, 10))}日`;
    } else if (key === '8w') {
      k = addCalendarDays(d.date, -weekday(d.date));
      label = md(k);
      title = `${Number(k.slice(5, 7))}月${Number(k.slice(8, 10))}日起一周`;
    } else {
      k = d.date.slice(0, 7);
      label = `${Number(k.slice(5, 7))}月`;
      title = `${Number(k.slice(0, 4))}年${label}`;
    }
    const b = out.get(k) ?? { label, title, received: 0, closed: 0 };
    b.received += d.received;
    b.closed += d.closed;
    out.set(k, b);
  }
  return [...out.keys()].sort().map((k) => out.get(k)!);
}
