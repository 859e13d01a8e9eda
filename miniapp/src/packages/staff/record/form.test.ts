import { describe, expect, it } from 'vitest';
import { bodyOf, emptyRecordDraft, newIdempotencyKey, serverFieldErrors, validateRecord, type RecordDraft } from './form';

const good = (patch: Partial<RecordDraft> = {}): RecordDraft => ({
  ...emptyRecordDraft({ type: 'department', id: 3, name: '清溪县民政局' }),
  channel: 'counter',
  type: '求助',
  content: '老人想办理高龄津贴，不知道要带什么材料。',
  name: '王秀英',
  phone: '13812345678',
  consent: true,
  ...patch,
});

describe('代为登记 form rules', () => {
  it('an empty form names every required field at once, in plain words', () => {
    const r = validateRecord(emptyRecordDraft());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      channel: '请选择登记方式：窗口或电话',
      type: '请选择留言类型',
      target: '请选择承办部门',
      content: '内容至少 10 个字，请把群众反映的情况记清楚',
      name: '请填写群众姓名',
      phone: '请填写正确的手机号或带区号的固定电话',
      consent: '请先向群众告知个人信息保护说明并取得同意',
    });
  });

  it('a complete form gives the body POST /api/staff/cases takes (trimmed, no empty title)', () => {
    const r = validateRecord(good({ content: '  老人想办理高龄津贴，不知道要带什么材料。  ', name: ' 王秀英 ', phone: '138 1234 5678' }));
    expect(r).toEqual({
      ok: true,
      body: {
        channel: 'counter',
        type: '求助',
        target: { type: 'department', id: 3 },
        content: '老人想办理高龄津贴，不知道要带什么材料。',
        citizen: { name: '王秀英', phone: '13812345678' },
        consent: true,
      },
    });
  });

  it('takes a landline with its area code and the phone channel', () => {
    const r = validateRecord(good({ channel: 'phone', phone: '0571-88886666', title: '高龄津贴材料' }));
    expect(r.ok && r.body).toMatchObject({ channel: 'phone', title: '高龄津贴材料', citizen: { phone: '0571-88886666' } });
  });

  it.each([
    ['phone', { phone: '1381234567' }, '请填写正确的手机号或带区号的固定电话'],
    ['phone', { phone: '12812345678' }, '请填写正确的手机号或带区号的固定电话'],
    ['phone', { phone: '88886666' }, '请填写正确的手机号或带区号的固定电话'],
    ['name', { name: '   ' }, '请填写群众姓名'],
    ['name', { name: '王'.repeat(21) }, '姓名不能超过 20 字'],
    ['content', { content: '太短了' }, '内容至少 10 个字，请把群众反映的情况记清楚'],
    ['content', { content: '长'.repeat(2001) }, '内容不能超过 2000 字'],
    ['title', { title: '题'.repeat(51) }, '标题不能超过 50 字'],
    ['consent', { consent: false }, '请先向群众告知个人信息保护说明并取得同意'],
  ] as const)('refuses a bad %s (%j)', (field, patch, message) => {
    const r = validateRecord(good(patch as Partial<RecordDraft>));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual({ [field]: message });
  });

  it('sends no title when only spaces were typed', () => {
    expect(bodyOf(good({ title: '   ' })).title).toBeUndefined();
  });

  it("maps the server's VALIDATION_FAILED issues onto the fields (first message per field)", () => {
    expect(
      serverFieldErrors({
        issues: [
          { field: 'citizen.phone', message: '号码不对' },
          { field: 'body.citizen.phone', message: '第二条' },
          { field: 'citizen.name', message: '姓名不对' },
          { field: 'content', message: '内容不对' },
          { field: 'unknown', message: '不显示' },
          { field: 3, message: '不是字符串' },
        ],
      }),
    ).toEqual({ phone: '号码不对', name: '姓名不对', content: '内容不对' });
    expect(serverFieldErrors(undefined)).toEqual({});
    expect(serverFieldErrors({ issues: 'x' })).toEqual({});
  });

  it('a new draft gets a new key the header accepts', () => {
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(50);
    for (const k of keys) expect(k).toMatch(/^[0-9a-f]{32}$/);
    expect(emptyRecordDraft().key).not.toBe(emptyRecordDraft().key);
  });
});
