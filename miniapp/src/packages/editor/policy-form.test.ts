import { describe, expect, it } from 'vitest';
import { emptyInterpretationDraft, emptyPolicyDraft, type EditorPolicy } from '@zw/shared';
import {
  checkInterpretationSave,
  checkPolicySave,
  diffPatch,
  fromInterpretationForm,
  fromPolicyForm,
  interpretationPublishCheck,
  parseIds,
  policyPublishCheck,
  toInterpretationForm,
  toInterpretationPreview,
  toPolicyForm,
  toPolicyPreview,
  type InterpretationRecord,
  type PolicyRecord,
} from './policy-form';

const { status: _ps, ...emptyPolicy } = emptyPolicyDraft;
const policy: PolicyRecord = {
  ...emptyPolicy,
  docNumber: '青政办发〔2026〕7号',
  title: '清溪县城乡居民临时救助实施办法',
  issuer: '清溪县人民政府办公室',
  issuedAt: '2026-03-01',
  effectiveAt: '2026-04-01',
  summary: '规定临时救助的对象、标准和申请程序。',
};

const { status: _is, ...emptyInterp } = emptyInterpretationDraft;
const interp: InterpretationRecord = {
  ...emptyInterp,
  title: '一图读懂临时救助实施办法',
  interpreter: '清溪县民政局',
  publishedAt: '2026-03-05',
  background: '为进一步做好临时救助工作。',
  purpose: '解决群众急难愁盼。',
  mainPoints: ['救助对象', '救助标准'],
  scope: '本县户籍居民。',
  keyTerms: [{ term: '临时救助', definition: '对突发困难家庭的救助。' }],
  qa: [{ q: '怎么申请？', a: '到乡镇提出。' }],
  itemIds: [3, 5],
};

describe('policy form ↔ API record', () => {
  it('round-trips a record; 长期有效 (null) is an empty input', () => {
    const form = toPolicyForm(policy);
    expect(form.expiresAt).toBe('');
    expect(fromPolicyForm(form)).toEqual(policy);
    expect(fromPolicyForm({ ...form, expiresAt: ' 2030-12-31 ' }).expiresAt).toBe('2030-12-31');
  });

  it('saves only the changed fields, and names a malformed date next to its field', () => {
    const form = toPolicyForm(policy);
    const ok = checkPolicySave(policy, { ...form, summary: '新的摘要' });
    expect(ok).toEqual({ ok: true, patch: { summary: '新的摘要' } });
    const bad = checkPolicySave(policy, { ...form, effectiveAt: '2026-4-1' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors)).toEqual(['effectiveAt']);
  });

  it('publish check: a complete document passes; a missing 施行日期 is named by field and label', () => {
    expect(policyPublishCheck(toPolicyForm(policy))).toEqual([]);
    const problems = policyPublishCheck({ ...toPolicyForm(policy), effectiveAt: '' });
    expect(problems.map((p) => [p.field, p.label, p.missing, p.message])).toEqual([['effectiveAt', '施行日期', true, '请填写施行日期']]);
    // Filled in wrongly: the format is named.
    expect(policyPublishCheck({ ...toPolicyForm(policy), effectiveAt: '2026-4-1' })[0]?.message).toMatch(/YYYY-MM-DD/);
  });

  it('preview: the form as the citizen page reads it, unsaved text included', () => {
    const shown = toPolicyPreview(
      { ...toPolicyForm(policy), title: '  新标题 ' },
      { id: 9, updatedAt: '2026-03-02T00:00:00.000Z', department: { id: 3, name: '清溪县民政局' }, interpretations: [] },
    );
    expect(shown).toMatchObject({
      id: 9,
      title: '新标题',
      docNumber: policy.docNumber,
      expiresAt: null,
      interpretationCount: 0,
      department: { name: '清溪县民政局' },
    });
    expect(shown.body).toBe(policy.body);
  });

  it('diffPatch compares lists by value', () => {
    expect(diffPatch({ a: [1, 2], b: 'x' }, { a: [1, 2], b: 'y' })).toEqual({ b: 'y' });
  });
});

describe('interpretation form ↔ API record', () => {
  it('round-trips a record; linked guides are one line of ids', () => {
    const form = toInterpretationForm(interp);
    expect(form.itemIds).toBe('3、5');
    expect(fromInterpretationForm(form)).toEqual(interp);
  });

  it('parses ids separated by 、，, or spaces; anything else is NaN for the schema to name', () => {
    expect(parseIds(' 3，5 ,7  9、')).toEqual([3, 5, 7, 9]);
    expect(parseIds('')).toEqual([]);
    expect(parseIds('3、abc')[1]).toBeNaN();
  });

  it('a bad id is one message next to the 关联事项 input', () => {
    const r = checkInterpretationSave(interp, { ...toInterpretationForm(interp), itemIds: '3、第五项' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.itemIds).toMatch(/事项编号/);
  });

  it('publish check: 主要内容 needs at least one point; the document link is not the form’s concern', () => {
    expect(interpretationPublishCheck(toInterpretationForm(interp))).toEqual([]);
    const problems = interpretationPublishCheck({ ...toInterpretationForm(interp), mainPoints: [], background: ' ' });
    expect(problems.map((p) => p.field).sort()).toEqual(['background', 'mainPoints']);
    expect(problems.find((p) => p.field === 'mainPoints')?.label).toBe('主要内容');
    // An empty 发布日期 is the day of publishing; a malformed one is not.
    expect(interpretationPublishCheck({ ...toInterpretationForm(interp), publishedAt: '' })).toEqual([]);
    expect(interpretationPublishCheck({ ...toInterpretationForm(interp), publishedAt: '3月5日' }).map((p) => p.field)).toEqual([
      'publishedAt',
    ]);
  });

  it('preview: the form as the citizen page reads it, with the document’s facts', () => {
    const doc = {
      ...policy,
      id: 9,
      status: 'published',
      version: 2,
      updatedAt: '2026-03-02T00:00:00.000Z',
      interpretations: [{ id: 4 }],
    } as unknown as EditorPolicy;
    const shown = toInterpretationPreview(
      {
        ...toInterpretationForm(interp),
        qa: [
          { q: '', a: '' },
          { q: '问？', a: '答。' },
        ],
      },
      { id: 4, updatedAt: '2026-03-06T00:00:00.000Z', policy: doc, department: null },
    );
    expect(shown.policy).toMatchObject({ id: 9, docNumber: policy.docNumber, interpretationCount: 1, expiresAt: null });
    expect(shown.qa).toEqual([{ q: '问？', a: '答。' }]);
    expect(shown.items).toEqual([]);
    expect(shown.mainPoints).toEqual(interp.mainPoints);
    expect(
      toInterpretationPreview(
        { ...toInterpretationForm(interp), publishedAt: '' },
        { id: 4, updatedAt: '2026-03-06T00:00:00.000Z', policy: doc, department: null },
      ).publishedAt,
    ).toBe('发布当天');
  });
});
