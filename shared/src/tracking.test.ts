import { describe, expect, it } from 'vitest';
import { LookupBody } from './messages';
import { dammDigit, formatQueryCode, formatTrackingNo, isQueryCode, isTrackingNo, normaliseCode, trackingNoOf } from './tracking';

describe('tracking numbers', () => {
  it('use the published Damm check digit (572 → 4)', () => {
    expect(dammDigit('572')).toBe(4);
    expect(dammDigit('5724')).toBe(0);
  });

  it('are QX + date + 8 random digits + check, and validate', () => {
    const no = trackingNoOf('261203', '48210735');
    expect(no).toMatch(/^QX26120348210735\d$/);
    expect(isTrackingNo(no)).toBe(true);
    expect(formatTrackingNo(no)).toBe(`QX261203-4821-0735${no.at(-1)}`);
  });

  it('catch every single wrong digit and every swap of two neighbouring digits', () => {
    const no = trackingNoOf('261203', '48210735');
    const digits = no.slice(2);
    for (let i = 0; i < digits.length; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === digits[i]) continue;
        const typo = `QX${digits.slice(0, i)}${d}${digits.slice(i + 1)}`;
        expect(isTrackingNo(typo), typo).toBe(false);
      }
      if (i + 1 < digits.length && digits[i] !== digits[i + 1]) {
        const swapped = `QX${digits.slice(0, i)}${digits[i + 1]}${digits[i]}${digits.slice(i + 2)}`;
        expect(isTrackingNo(swapped), swapped).toBe(false);
      }
    }
  });

  it('still accept the numbers issued before (QX + 10 digits) and refuse other shapes', () => {
    expect(isTrackingNo('QX2612020001')).toBe(true);
    for (const bad of ['', 'QX', 'QX261203', 'QY2612020001', 'QX26120348210735', 'QX2612034821073561', 'qx2612020001']) {
      expect(isTrackingNo(bad), bad).toBe(false);
    }
  });

  it('are read back however a person types them: spaces, dashes, full-width, lower case', () => {
    const no = trackingNoOf('261203', '00000001');
    const grouped = formatTrackingNo(no);
    for (const typed of [
      grouped,
      ` ${grouped.toLowerCase()} `,
      grouped.replaceAll('-', ' '),
      'ＱＸ' + no.slice(2).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)),
    ]) {
      expect(normaliseCode(typed), typed).toBe(no);
      const parsed = LookupBody.safeParse({ trackingNo: typed, queryCode: '12345 67890' });
      expect(parsed.success && parsed.data, typed).toEqual({ trackingNo: no, queryCode: '1234567890' });
    }
  });
});

describe('query codes', () => {
  it('are 10 digits now and 6 before, grouped to be read aloud', () => {
    expect(isQueryCode('1234567890')).toBe(true);
    expect(isQueryCode('123456')).toBe(true);
    for (const bad of ['12345', '1234567', '123456789', '12345678901', '12345a7890']) expect(isQueryCode(bad), bad).toBe(false);
    expect(formatQueryCode('1234567890')).toBe('12345 67890');
  });

  it('are refused with a message that says what a code looks like', () => {
    const parsed = LookupBody.safeParse({ trackingNo: 'QX2612020001', queryCode: '12345' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toBe('查询码为 10 位数字');
    const no = trackingNoOf('261203', '48210735');
    const typo = LookupBody.safeParse({ trackingNo: no.slice(0, -1) + String((Number(no.at(-1)) + 1) % 10), queryCode: '1234567890' });
    expect(typo.success).toBe(false);
    expect(typo.error!.issues[0]!.message).toMatch(/受理编号.*核对/);
  });
});
