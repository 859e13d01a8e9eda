import { describe, expect, it } from 'vitest';
import { limitLabel, visitsLabel } from './item-presentation';

describe('a guide’s facts in one wording', () => {
  it('到现场次数', () => {
    expect([visitsLabel(0), visitsLabel(-1), visitsLabel(1), visitsLabel(2)]).toEqual([
      '全程网办',
      '全程网办',
      '最多跑一次',
      '到现场 2 次',
    ]);
  });
  it('承诺时限', () => {
    expect([limitLabel(0), limitLabel(1), limitLabel(20)]).toEqual(['即办', '1 个工作日办结', '20 个工作日办结']);
  });
});
