import { describe, expect, it } from 'vitest';
import { addCalendarDays } from '@zw/shared';
import { buckets, periodRange } from './series';

function days(from: string, to: string, f: (date: string, i: number) => { received: number; closed: number }) {
  const out = [];
  for (let d = from, i = 0; d <= to; d = addCalendarDays(d, 1), i++) out.push({ date: d, ...f(d, i) });
  return out;
}

describe('figures: periods and columns', () => {
  it('asks for 7 days, 8 whole weeks from a Monday, and 6 months from the 1st', () => {
    // 2026-11-24 is a Tuesday.
    expect(periodRange('7d', '2026-11-24')).toEqual({ from: '2026-11-18', to: '2026-11-24' });
    expect(periodRange('8w', '2026-11-24')).toEqual({ from: '2026-10-05', to: '2026-11-24' });
    expect(periodRange('8w', '2026-11-23')).toEqual({ from: '2026-10-05', to: '2026-11-23' }); // a Monday
    expect(periodRange('6m', '2026-11-24')).toEqual({ from: '2026-06-01', to: '2026-11-24' });
    expect(periodRange('6m', '2026-03-31')).toEqual({ from: '2025-10-01', to: '2026-03-31' });
  });

  it('folds days into one column per day, week or month, keeping every total', () => {
    const week = days('2026-11-18', '2026-11-24', (_d, i) => ({ received: i, closed: 1 }));
    const d7 = buckets('7d', week);
    expect(d7.map((b) => b.label)).toEqual(['11/18', '11/19', '11/20', '11/21', '11/22', '11/23', '11/24']);
    expect(d7[6]).toEqual({ label: '11/24', title: '11月24日', received: 6, closed: 1 });

    const { from, to } = periodRange('8w', '2026-11-24');
    const w = buckets(
      '8w',
      days(from, to, () => ({ received: 1, closed: 0 })),
    );
    expect(w).toHaveLength(8);
    expect(w[0]).toMatchObject({ label: '10/5', received: 7 });
    expect(w[7]).toMatchObject({ label: '11/23', title: '11月23日起一周', received: 2 }); // Monday and Tuesday so far

    const six = periodRange('6m', '2026-11-24');
    const m = buckets(
      '6m',
      days(six.from, six.to, () => ({ received: 2, closed: 1 })),
    );
    expect(m.map((b) => b.label)).toEqual(['6月', '7月', '8月', '9月', '10月', '11月']);
    expect(m[0]).toMatchObject({ received: 60, closed: 30 });
    expect(m.reduce((n, b) => n + b.received, 0)).toBe(2 * days(six.from, six.to, () => ({ received: 0, closed: 0 })).length);
  });
});
