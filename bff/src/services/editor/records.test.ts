import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset, parseCsvRows, parseJsonRows, toCsv } from './records';

describe('JSON error positions', () => {
  it('agrees with JSON.parse on what is valid, for any JSON value and for broken text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(jsonErrorOffset(JSON.stringify(v, null, 2))).toBeNull();
      }),
    );
    fc.assert(
      fc.property(fc.string(), (s) => {
        let valid = true;
        try {
          JSON.parse(s);
        } catch {
          valid = false;
        }
        expect(jsonErrorOffset(s) === null).toBe(valid);
      }),
    );
  });

  it('points at the line that is wrong', () => {
    const r = parseJsonRows('[\n  {"code": "a"},\n  {"code": "b",,}\n]', 'items');
    expect(r.issues).toEqual([expect.objectContaining({ line: 3, field: '' })]);
  });
});

describe('CSV rows', () => {
  it('number rows by the line they start on, across quoted line breaks and blank lines', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = ['\uFEFFcode,conditions', 'A,"一', '二', '""三"""', '', 'B,四', 'C,五', ''].join(eol);
      const r = parseCsvRows(text, 'items');
      expect(r.issues).toEqual([]);
      expect(r.rows.map((x) => [x.line, x.values.code, x.values.conditions])).toEqual([
        [2, 'A', ['一', '二', '"三"']],
        [6, 'B', ['四']],
        [7, 'C', ['五']],
      ]);
    }
  });

  it('round-trips lists with line breaks inside an entry as JSON', () => {
    const csv = toCsv('items', [
      { code: 'A', conditions: ['第一行\n第二行', '另一条'], fee: { charged: true, standard: 's', basis: 'b' } },
    ]);
    const back = parseCsvRows(csv, 'items').rows[0]!.values;
    expect(back.conditions).toEqual(['第一行\n第二行', '另一条']);
    expect(back.fee).toEqual({ charged: true, standard: 's', basis: 'b' });
  });
});
