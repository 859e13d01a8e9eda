import { describe, expect, it } from 'vitest';
import { emptyItemDraft } from '@zw/shared';
import { checkSave, fromForm, toForm, type ItemRecord } from './form';

/** 办理结果样本 on the guide form: held as typed text, '' for none, checked with the shared draft rule. */
const base: ItemRecord = (({ status: _s, ...r }) => r)({
  ...emptyItemDraft,
  code: '36112300MZ-XK-0801',
  name: '结果样本测试',
  itemType: '行政许可' as const,
  departmentId: 3,
});

describe('guide form: 办理结果样本', () => {
  it('no sample is empty text on the form and null in the record', () => {
    expect(toForm(base).resultSampleUrl).toBe('');
    expect(fromForm(toForm(base)).resultSampleUrl).toBeNull();
  });

  it('round-trips a link, trimmed, and a save sends only that field', () => {
    const url = 'https://zwfw.example.gov.cn/samples/a.pdf';
    const form = { ...toForm(base), resultSampleUrl: `  ${url} ` };
    expect(fromForm(form).resultSampleUrl).toBe(url);
    expect(fromForm(toForm({ ...base, resultSampleUrl: url }))).toEqual({ ...base, resultSampleUrl: url });
    const save = checkSave(base, form);
    expect(save).toMatchObject({ ok: true, patch: { resultSampleUrl: url } });
    if (save.ok) expect(Object.keys(save.patch)).toEqual(['resultSampleUrl']);
  });

  it('a link that is not one is named in the shared words', () => {
    const save = checkSave(base, { ...toForm(base), resultSampleUrl: '样本' });
    expect(save).toMatchObject({ ok: false, errors: { resultSampleUrl: '办理结果样本必须是网址' } });
  });
});
