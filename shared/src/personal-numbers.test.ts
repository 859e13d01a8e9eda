import { describe, expect, it } from 'vitest';
import { containsPersonalNumber, maskPersonalNumbers } from './ratings';

describe('maskPersonalNumbers (what a list shows of message text)', () => {
  it('masks mobile and resident ID numbers, full-width digits included, and leaves other numbers alone', () => {
    expect(maskPersonalNumbers('请联系13800138000王女士')).toBe('请联系138****8000王女士');
    expect(maskPersonalNumbers('身份证号11010519491231002X补办')).toBe('身份证号110105********002X补办');
    expect(maskPersonalNumbers('电话１３８００１３８０００，请回电')).toBe('电话１３８****８０００，请回电');
    expect(maskPersonalNumbers('2026年12月3日 第12345号 0797-6321216')).toBe('2026年12月3日 第12345号 0797-6321216');
    expect(maskPersonalNumbers('订单号123800138000456')).toBe('订单号123800138000456');
  });

  it('changes nothing else: full-width punctuation and letters stay as typed', () => {
    const t = '建议在城东便民服务中心增设座椅，排队时能坐下等候。（ＡＢＣ）';
    expect(maskPersonalNumbers(t)).toBe(t);
  });

  it('leaves nothing that containsPersonalNumber would still find', () => {
    for (const t of ['13800138000', '11010519491231002X', '王 13912345678，身份证 360102199001011234'])
      expect(containsPersonalNumber(maskPersonalNumbers(t))).toBe(false);
  });
});
