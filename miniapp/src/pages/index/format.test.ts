import { afterEach, describe, expect, it, vi } from 'vitest';
import { chineseDate, decodeParam, ymd } from './format';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('ymd', () => {
  it('a calendar date stays as written, in every time zone', () => {
    for (const tz of ['Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
      vi.stubEnv('TZ', tz);
      expect(ymd('2025-05-12')).toBe('2025-05-12');
    }
  });

  it('a timestamp is its Beijing date, whatever the phone’s time zone', () => {
    for (const tz of ['Asia/Shanghai', 'UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
      vi.stubEnv('TZ', tz);
      expect(ymd('2025-05-12T16:30:00.000Z')).toBe('2025-05-13');
      expect(ymd('2025-05-12T15:59:59.999Z')).toBe('2025-05-12');
      expect(ymd('2025-01-02T03:04:05+08:00')).toBe('2025-01-02');
    }
  });

  it('something that is not a date is cut to its first ten characters, never “NaN-NaN-NaN”', () => {
    expect(ymd('not a date at all')).toBe('not a date');
    expect(ymd('')).toBe('');
  });
});

describe('chineseDate', () => {
  const now = new Date('2025-06-01T04:00:00.000Z');

  it('month and day, with the year only when it is not this year', () => {
    vi.stubEnv('TZ', 'Asia/Shanghai');
    expect(chineseDate('2025-12-05T02:00:00.000Z', now)).toBe('12月5日');
    expect(chineseDate('2026-01-05T02:00:00.000Z', now)).toBe('2026年1月5日');
    expect(chineseDate('2024-12-31T15:59:59.999Z', now)).toBe('2024年12月31日');
  });

  it('a deadline at the end of a Beijing day is that day on any phone', () => {
    for (const tz of ['Asia/Shanghai', 'Asia/Tokyo', 'UTC', 'America/New_York']) {
      vi.stubEnv('TZ', tz);
      expect(chineseDate('2025-09-30T15:59:59.999Z', now)).toBe('9月30日');
    }
  });

  it('“this year” is Beijing’s year: on New Year’s morning in Beijing 2025-12-31T17:00Z is already next year', () => {
    vi.stubEnv('TZ', 'UTC');
    expect(chineseDate('2026-01-01T01:00:00.000Z', new Date('2025-12-31T17:00:00.000Z'))).toBe('1月1日');
  });

  it('not a date: its first ten characters', () => {
    expect(chineseDate('soon', now)).toBe('soon');
  });
});

describe('decodeParam', () => {
  it('decodes what WeChat and the H5 router leave encoded, + included', () => {
    expect(decodeParam('%E7%A4%BE%E4%BF%9D+%E5%8D%A1')).toBe('社保 卡');
    expect(decodeParam(encodeURIComponent('1+1=2'))).toBe('1+1=2');
  });

  it('keeps a malformed value as it is; nothing is an empty string', () => {
    expect(decodeParam('50%')).toBe('50%');
    expect(decodeParam(undefined)).toBe('');
  });
});
