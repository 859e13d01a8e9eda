import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  columnsOf,
  emptyItemDraft,
  formCodecOf,
  itemColumnLead,
  itemFieldLabels,
  itemFields,
  itemPresentation,
  itemPublishProblems,
  policyFields,
  PublishableItem,
  ServiceItemDraft,
  ServiceItemInput,
  sevenPublicFields,
  sevenPublicTitles,
  type ColumnName,
  type ServiceItemDraft as Draft,
} from '../index';

describe('content model: guides', () => {
  it('the 七公开 are the model’s seven group, in the printed order, with their page and print titles', () => {
    expect(sevenPublicFields).toEqual(['name', 'legalBasis', 'procedure', 'conditions', 'fee', 'responsibleUnit', 'supervisionPhone']);
    expect(sevenPublicFields.map((k) => sevenPublicTitles[k].print)).toEqual([
      '项目',
      '办理依据',
      '办理程序',
      '办理条件',
      '收费标准',
      '责任单位',
      '监督电话',
    ]);
    expect(sevenPublicTitles.name.page).toBe('事项名称');
    expect(itemFieldLabels.name).toBe('项目（事项名称）');
  });

  it('derives schemas with the same keys, in declaration order', () => {
    const keys = Object.keys(itemFields);
    expect(Object.keys(ServiceItemDraft.shape)).toEqual(keys);
    expect(Object.keys(ServiceItemInput.shape)).toEqual(keys);
    expect(Object.keys(PublishableItem.shape)).toEqual(keys);
    expect(Object.keys(itemFieldLabels)).toEqual(keys);
  });

  it('each field’s label and group are its zod-free presentation entry (what the main package reads), in the same order', () => {
    expect(Object.keys(itemPresentation)).toEqual(Object.keys(itemFields));
    for (const [k, f] of Object.entries(itemFields)) {
      const p = itemPresentation[k as keyof typeof itemPresentation];
      expect({ label: f.label, pageTitle: f.pageTitle, printLabel: f.printLabel, group: f.group }).toEqual({
        label: p.label,
        pageTitle: 'pageTitle' in p ? p.pageTitle : undefined,
        printLabel: 'printLabel' in p ? p.printLabel : undefined,
        group: p.group,
      });
    }
  });

  it('an empty draft has every field but those given at creation, and is a valid draft', () => {
    expect(Object.keys(emptyItemDraft).sort()).toEqual(
      keys()
        .filter((k) => !['code', 'name', 'itemType', 'departmentId'].includes(k))
        .sort(),
    );
    expect(
      ServiceItemDraft.safeParse({ ...emptyItemDraft, code: '62052400MZ-XK-0001', name: '', itemType: '行政许可', departmentId: 1 })
        .success,
    ).toBe(true);
    expectTypeOf(emptyItemDraft).toEqualTypeOf<Omit<Draft, 'code' | 'name' | 'itemType' | 'departmentId'>>();
  });

  it('publishing keeps its messages', () => {
    const problems = itemPublishProblems({
      ...emptyItemDraft,
      code: '62052400MZ-XK-0001',
      name: '',
      itemType: '行政许可',
      departmentId: 1,
    });
    const msg = (f: string) => problems.find((p) => p.field === f)?.message;
    expect(msg('name')).toBe('事项名称不能为空');
    expect(msg('legalBasis')).toBe('办理依据至少一条');
    expect(msg('fee.standard')).toBe('收费标准不能为空（不收费的请写“不收费”）');
  });

  it('file columns: the identifying ones first, fee in three, department by code; names typed by the fields', () => {
    const names = columnsOf(itemFields, itemColumnLead).map((c) => c.name);
    expect(names.slice(0, 6)).toEqual(['code', 'name', 'itemType', 'department', 'status', 'summary']);
    expect(names).toEqual(expect.arrayContaining(['fee.charged', 'fee.standard', 'fee.basis', 'resultSampleUrl']));
    expect(names).not.toContain('fee');
    expect(names).not.toContain('departmentId');
    expectTypeOf<'fee.basis'>().toExtend<ColumnName<typeof itemFields>>();
    expectTypeOf<'departmentId'>().not.toExtend<ColumnName<typeof itemFields>>();
    expect(columnsOf(policyFields).find((c) => c.name === 'department')?.kind).toBe('nullable');
  });

  it('the form codecs hold numbers as text and keywords on one line', () => {
    const codec = formCodecOf(itemFields);
    const record = {
      ...emptyItemDraft,
      code: '62052400MZ-XK-0001',
      name: 'n',
      itemType: '行政许可' as const,
      departmentId: 1,
      keywords: ['低保', '救助'],
    };
    const form = codec.toForm(record);
    expect(form.keywords).toBe('低保、救助');
    expect(form.statutoryLimitDays).toBe('0');
    expect(form.onlineUrl).toBe('');
    expect(form).not.toHaveProperty('status');
    const { status: _status, ...rest } = record;
    expect(codec.fromForm(form)).toEqual(rest);
  });
});

const keys = () => Object.keys(itemFields);
