import { describe, expect, it } from 'vitest';
import { chinaDate } from './format';

describe('kit formatting', () => {
  it('chinaDate is the calendar day in Beijing', () => {
    expect(chinaDate('2026-03-01T16:30:00Z')).toBe('2026-03-02');
    expect(chinaDate('2026-03-01')).toBe('2026-03-01');
    expect(chinaDate('garbage-xx')).toBe('garbage-xx');
  });
});
