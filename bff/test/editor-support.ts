import type { TestContext } from './helpers';
import { call } from './cases-support';

export { call, departmentId } from './cases-support';

/** Everything a guide needs to be published (the 七公开 and the rest). */
export function completeItemFields(over: Record<string, unknown> = {}) {
  return {
    legalBasis: [{ law: '《中华人民共和国测试法》', articles: '第一条 为了测试，制定本法。' }],
    procedure: [
      { title: '申请', description: '申请人到窗口提交材料。', days: null },
      { title: '审核', description: '窗口当场审核。', days: 0 },
    ],
    conditions: ['在本县居住的居民。'],
    fee: { charged: false, standard: '不收费', basis: '未列入收费目录。' },
    responsibleUnit: '清溪县测试服务中心',
    supervisionPhone: '0797-6330000',
    summary: '用于测试编辑流程的事项。',
    materials: [{ name: '居民身份证', form: '原件', copies: 1, required: true, notes: '', templateUrl: null }],
    statutoryLimitDays: 5,
    promisedLimitDays: 1,
    consultPhone: '0797-6331111',
    location: '清溪县政务服务中心一楼',
    officeHours: '工作日 8:30-17:30',
    visitsNeeded: 1,
    onlineUrl: null,
    resultName: '测试结果',
    faq: [],
    keywords: ['测试'],
    ...over,
  };
}

/** Raw SQL, for asserting what is stored. */
export async function rows(ctx: TestContext, sql: string, args: Array<string | number | null> = []) {
  return (await ctx.client.execute({ sql, args })).rows as unknown as Array<Record<string, any>>;
}

export async function contentVersion(ctx: TestContext): Promise<number> {
  return Number((await rows(ctx, 'SELECT version FROM content_version WHERE id = 1'))[0]!.version);
}

/** Creates a draft guide as `token`; returns its body. */
export async function createDraft(ctx: TestContext, token: string, body: Record<string, unknown>) {
  const r = await call(ctx, 'POST', '/api/editor/items', token, body);
  if (r.status !== 201) throw new Error(`create → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
