import { describe, expect, it } from 'vitest';
import { beijingClock, beijingDate, beijingDateTime, beijingYear } from './time';

describe('Beijing time', () => {
  it('names the Beijing day, not the UTC one, around midnight', () => {
    expect(beijingDate('2026-09-30T15:59:59.999Z')).toBe('2026-09-30');
    expect(beijingDate('2026-09-30T16:00:00.000Z')).toBe('2026-10-01');
    expect(beijingDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(beijingYear(Date.parse('2026-12-31T16:00:00Z'))).toBe(2027);
  });

  it('reads offsets other than Z', () => {
    expect(beijingDateTime('2026-03-02T06:05:00+00:00')).toBe('2026-03-02 14:05');
    expect(beijingDateTime('2026-03-02T14:05:00+08:00')).toBe('2026-03-02 14:05');
  });

  it('refuses what is not a time instead of printing NaN', () => {
    expect(beijingClock('soon')).toBeNull();
    expect(() => beijingDate('soon')).toThrow(RangeError);
  });
});
