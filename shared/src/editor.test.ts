import { describe, expect, it } from 'vitest';
import { emptyItemDraft, itemPublishProblems, ItemCreateBody, ItemPatchBody, qrUrl, sevenPublicFields, ServiceItemDraft } from './index';

const draft = { ...emptyItemDraft, code: '62052400MZ-XK-0001', name: '测试', itemType: '行政许可' as const, departmentId: 1 };

describe('publish checks', () => {
  it('name every missing 七公开 field with its label, 七公开 first and in printed order', () => {
    const problems = itemPublishProblems(draft);
    const tops = problems.map((p) => p.field.split('.')[0]);
    const seven = tops.filter((f) => (sevenPublicFields as readonly string[]).includes(f!));
    expect(seven).toEqual(['legalBasis', 'procedure', 'conditions', 'fee', 'responsibleUnit', 'supervisionPhone']);
    expect(tops.slice(0, seven.length)).toEqual(seven);
    expect(problems.find((p) => p.field === 'legalBasis')).toMatchObject({ label: '办理依据', missing: true });
    expect(problems.find((p) => p.field === 'fee.standard')).toMatchObject({ label: '收费标准' });
  });

  it('a charged fee needs its basis; a wrong phone is a problem, not a missing field', () => {
    const problems = itemPublishProblems({ ...draft, fee: { charged: true, standard: '每件 10 元', basis: '' }, supervisionPhone: 'abc' });
    expect(problems.find((p) => p.field === 'fee.basis')?.message).toContain('收费依据');
    expect(problems.find((p) => p.field === 'supervisionPhone')).toMatchObject({ missing: false });
  });

  it('drafts accept empty text but still check types and formats', () => {
    expect(ServiceItemDraft.safeParse({ ...draft }).success).toBe(true);
    expect(ServiceItemDraft.safeParse({ ...draft, supervisionPhone: 'x' }).success).toBe(false);
    expect(ItemCreateBody.safeParse({ code: draft.code, name: '', itemType: '行政许可', departmentId: 1 }).success).toBe(false);
    expect(ItemPatchBody.safeParse({ baseVersion: 0 }).success).toBe(false);
    expect(ItemPatchBody.safeParse({ summary: '改一下', baseVersion: 3 }).success).toBe(true);
  });
});

describe('qrUrl', () => {
  it('puts the H5 QR page under the public base, with or without a trailing slash', () => {
    expect(qrUrl('https://zw.example.cn/', 'ab12cd')).toBe('https://zw.example.cn/pages/qr/index?code=ab12cd');
    expect(qrUrl('https://zw.example.cn/h5', 'ab12cd')).toBe('https://zw.example.cn/h5/pages/qr/index?code=ab12cd');
  });
});
