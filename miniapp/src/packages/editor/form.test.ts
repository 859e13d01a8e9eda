import { describe, expect, it } from 'vitest';
import { emptyItemDraft, itemPublishProblems } from '@zw/shared';
import {
  addRow,
  changedKeys,
  checkSave,
  fromForm,
  moveRow,
  publishCheck,
  reindexErrors,
  removeRow,
  splitKeywords,
  toForm,
  toPreview,
  type ItemRecord,
} from './form';
import { toBase64 } from './services/editor-api';

const complete: ItemRecord = {
  ...emptyItemDraft,
  code: '36112300MZ-XK-0101',
  name: '最低生活保障申请',
  itemType: '公共服务',
  departmentId: 3,
  summary: '家庭收入低于本县低保标准的居民可以申请。',
  legalBasis: [{ law: '《社会救助暂行办法》', articles: '第九条' }],
  procedure: [
    { title: '申请', description: '到乡镇（街道）提交申请。', days: null },
    { title: '审核', description: '入户调查。', days: 10 },
  ],
  conditions: ['户籍在本县。'],
  fee: { charged: false, standard: '不收费', basis: '' },
  responsibleUnit: '清溪县民政局',
  supervisionPhone: '0797-6330000',
  materials: [{ name: '居民身份证', form: '原件', copies: 0, required: true, notes: '', templateUrl: null }],
  statutoryLimitDays: 30,
  promisedLimitDays: 20,
  consultPhone: '0797-6331111',
  location: '清溪县政务服务中心一楼',
  officeHours: '工作日 8:30-17:30',
  visitsNeeded: 1,
  onlineUrl: null,
  resultName: '低保证',
  faq: [{ q: '可以代办吗？', a: '可以。' }],
  keywords: ['低保', '救助'],
};
const { status: _status, ...record } = complete as ItemRecord & { status?: string };

describe('guide form ↔ API record', () => {
  it('round-trips a record unchanged (numbers as typed text, no link as empty text)', () => {
    const form = toForm(record);
    expect(form.procedure[0]!.days).toBe('');
    expect(form.procedure[1]!.days).toBe('10');
    expect(form.onlineUrl).toBe('');
    expect(form.keywords).toBe('低保、救助');
    expect(fromForm(form)).toEqual(record);
  });

  it('splits keywords on 、，, and spaces', () => {
    expect(splitKeywords(' 低保、救助，困难  补助,x ')).toEqual(['低保', '救助', '困难', '补助', 'x']);
  });

  it('sends only the changed fields, checked with the shared draft schema', () => {
    const form = { ...toForm(record), responsibleUnit: '清溪县民政局社会救助股' };
    const r = checkSave(record, form);
    expect(r.ok && r.patch).toEqual({ responsibleUnit: '清溪县民政局社会救助股' });
    expect(changedKeys(record, fromForm(form))).toEqual(['responsibleUnit']);
  });

  it('names a malformed field by its path, in the schema’s words', () => {
    const form = toForm(record);
    form.promisedLimitDays = '2a';
    form.procedure[1]!.days = 'x';
    form.supervisionPhone = '电话';
    const r = checkSave(record, form);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.promisedLimitDays).toMatch(/承诺时限/);
    expect(r.errors.supervisionPhone).toBe('电话号码格式不正确');
    expect(Object.keys(r.errors)).toContain('procedure.1.days');
  });

  it('lets a draft be saved empty, but not published: the same problems as the server', () => {
    const form = { ...toForm(record), responsibleUnit: '', conditions: [] };
    expect(checkSave(record, form).ok).toBe(true);
    const problems = publishCheck(form);
    expect(problems.map((p) => p.field)).toEqual(['conditions', 'responsibleUnit']);
    expect(problems.map((p) => p.label)).toEqual(['办理条件', '责任单位']);
    expect(problems).toEqual(itemPublishProblems(fromForm(form) as unknown as Record<string, unknown>));
    expect(publishCheck(toForm(record))).toEqual([]);
  });

  it('builds the citizen view for the preview, without breaking on half-typed numbers', () => {
    const form = { ...toForm(record), promisedLimitDays: '' };
    const item = toPreview(form, {
      id: 7,
      qrCode: 'abc',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-02T00:00:00.000Z',
      department: { id: 3, name: '县民政局', phone: '' },
    });
    expect(item.promisedLimitDays).toBe(0);
    expect(item.department.name).toBe('县民政局');
    expect(item.windows).toEqual([]);
    expect(item.name).toBe(record.name);
  });
});

describe('row editing', () => {
  it('adds, removes and moves rows; a move past either end changes nothing', () => {
    const rows = ['a', 'b', 'c'];
    expect(addRow(rows, 'd')).toEqual(['a', 'b', 'c', 'd']);
    expect(removeRow(rows, 1)).toEqual(['a', 'c']);
    expect(moveRow(rows, 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveRow(rows, 0, -1)).toEqual(rows);
    expect(moveRow(rows, 2, 1)).toEqual(rows);
    expect(rows).toEqual(['a', 'b', 'c']);
  });

  it('moves field messages with their rows, and drops those of a removed row', () => {
    const errors = { 'procedure.0.title': 'A', 'procedure.2.description': 'C', name: 'N' };
    // row 1 removed: old 0 → 0, old 2 → 1
    expect(reindexErrors(errors, 'procedure', [0, 2])).toEqual({ 'procedure.0.title': 'A', 'procedure.1.description': 'C', name: 'N' });
    // rows 0 and 1 swapped, a new row added
    expect(reindexErrors({ 'procedure.0.title': 'A' }, 'procedure', [1, 0, 2, null])).toEqual({ 'procedure.1.title': 'A' });
    expect(reindexErrors({ 'procedure.1': 'x' }, 'procedure', [0])).toEqual({});
  });
});

describe('base64 for the QR image', () => {
  it('matches the standard encoding at every padding length', () => {
    for (const s of ['', 'a', 'ab', 'abc', 'abcd', '二维码']) {
      const bytes = new TextEncoder().encode(s);
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
});
