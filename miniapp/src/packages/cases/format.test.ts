import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeParam, errorText, fmtDate, fmtDateTime } from './format';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('dates and times in Beijing time', () => {
  it('a timestamp after 16:00 UTC is already the next day in Beijing', () => {
    expect(fmtDate('2026-03-01T16:30:00.000Z')).toBe('2026-03-02');
    expect(fmtDateTime('2026-03-01T16:30:00.000Z')).toBe('2026-03-02 00:30');
    expect(fmtDate('2026-03-01T15:59:59.999Z')).toBe('2026-03-01');
    expect(fmtDateTime('2026-03-01T15:59:59.999Z')).toBe('2026-03-01 23:59');
  });

  it('reads any offset', () => {
    expect(fmtDateTime('2026-03-02T08:05:00+08:00')).toBe('2026-03-02 08:05');
    expect(fmtDate('2026-03-02T23:30:00-05:00')).toBe('2026-03-03');
  });

  it('whatever the phone’s time zone', () => {
    for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Tokyo', 'Asia/Shanghai']) {
      vi.stubEnv('TZ', tz);
      expect(fmtDate('2026-09-30T15:59:59.999Z')).toBe('2026-09-30');
      expect(fmtDateTime('2026-09-30T15:59:59.999Z')).toBe('2026-09-30 23:59');
    }
  });

  it('a calendar date stays that date', () => {
    expect(fmtDate('2026-03-02')).toBe('2026-03-02');
  });

  it('nothing, or something that is not a date: an empty string, never “Invalid Date”', () => {
    for (const v of [null, undefined, '', 'garbage', '2026-13-45T99:00:00Z']) {
      expect(fmtDate(v)).toBe('');
      expect(fmtDateTime(v)).toBe('');
    }
  });
});

describe('decodeParam', () => {
  it('decodes an encoded value and leaves a decoded one alone', () => {
    expect(decodeParam('ZW2026%2D000123')).toBe('ZW2026-000123');
    expect(decodeParam(encodeURIComponent('投诉'))).toBe('投诉');
    expect(decodeParam('投诉')).toBe('投诉');
  });

  it('keeps a malformed escape as it is', () => {
    expect(decodeParam('100%')).toBe('100%');
    expect(decodeParam('%E6%8A')).toBe('%E6%8A');
  });

  it('nothing: an empty string', () => {
    expect(decodeParam(undefined)).toBe('');
    expect(decodeParam('')).toBe('');
  });
});

describe('errorText', () => {
  it('the error’s own message when it has one', () => {
    expect(errorText(new Error('查询码不正确'))).toBe('查询码不正确');
  });

  it('otherwise the fallback, never “undefined” or “[object Object]”', () => {
    for (const e of [new Error(''), 'boom', undefined, null, { message: 'not an Error' }]) {
      expect(errorText(e)).toBe('操作没有成功，请稍后再试');
      expect(errorText(e, '提交没有成功')).toBe('提交没有成功');
    }
  });
});
