import { describe, expect, it } from 'vitest';
import { chinaDate, limitText, visitsText } from './format';

describe('kit formatting', () => {
  it('chinaDate is the calendar day in Beijing', () => {
    expect(chinaDate('2026-03-01T16:30:00Z')).toBe('2026-03-02');
    expect(chinaDate('2026-03-01')).toBe('2026-03-01');
    expect(chinaDate('garbage-xx')).toBe('garbage-xx');
  });
  it('limitText and visitsText in plain words', () => {
    expect([limitText(0), limitText(5)]).toEqual(['即办', '5 个工作日']);
    expect([visitsText(0), visitsText(1), visitsText(2)]).toEqual(['全程网办', '最多跑一次', '到现场 2 次']);
  });
});
