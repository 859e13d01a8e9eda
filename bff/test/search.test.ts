import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../src/lib/service';
import { setStatus, updateEntity } from '../src/services/editor/engine';
import { itemAdapter } from '../src/services/editor/items';
import { createTestContext, getJson, type TestContext } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.cleanup());

const search = (q: string, extra = '') => getJson(ctx.app, `/api/search?q=${encodeURIComponent(q)}${extra}`);
const titles = (body: any) => body.data.map((h: any) => h.title.map((s: any) => s.text).join(''));

describe('Chinese search', () => {
  it.each([
    ['社保', '社会保障卡申领'],
    ['户口', '出生登记（新生儿落户）'],
    ['医保', '城乡居民基本医疗保险参保登记'],
    ['低保', '最低生活保障审批'],
  ])('two-character query %s reaches %s', async (q, expected) => {
    const { status, body } = await search(q);
    expect(status).toBe(200);
    expect(titles(body)).toContain(expected);
  });

  it('matches longer and multi-word queries', async () => {
    expect(titles((await search('最低生活保障')).body)[0]).toBe('最低生活保障审批');
    const multi = await search('公积金 提取');
    expect(titles(multi.body)[0]).toBe('住房公积金提取（购房）');
    expect(multi.body.relaxed).toBe(false);
  });

  it('reaches official items through everyday words and aliases', async () => {
    expect(titles((await search('营业执照')).body)).toEqual(expect.arrayContaining(['个体工商户设立登记', '有限责任公司设立登记']));
    expect(titles((await search('过户')).body)).toContain('国有建设用地使用权及房屋所有权转移登记');
    const viaAlias = (await search('公租房')).body.data.find((h: any) => h.type === 'item');
    expect(viaAlias.matchedIn).toBe('title');
  });

  it('understands a question, not only keywords', async () => {
    expect(titles((await search('身份证丢了怎么办')).body)[0]).toBe('居民身份证申领');
  });

  it.each([
    ['shebao', '社会保障卡申领'],
    ['sfz', '居民身份证申领'],
    ['dibao', '最低生活保障审批'],
    ['gongjijin', '住房公积金提取（购房）'],
  ])('pinyin %s reaches %s', async (q, expected) => {
    expect(titles((await search(q)).body)).toContain(expected);
  });

  it('ranks title matches above body matches', async () => {
    const { body } = await search('医保');
    const flags = body.data.map((h: any) => h.matchedIn);
    const firstBody = flags.indexOf('body');
    if (firstBody >= 0) expect(flags.slice(firstBody)).not.toContain('title');
    expect(flags[0]).toBe('title');
  });

  it('highlights what matched in the title or snippet', async () => {
    const { body } = await search('低保');
    const hit = body.data.find((h: any) => h.type === 'item' && h.title.map((t: any) => t.text).join('') === '最低生活保障审批');
    expect(body.data.indexOf(hit)).toBeLessThan(3);
    const marked = [...hit.title, ...hit.snippet].filter((s: any) => s.hit).map((s: any) => s.text);
    expect(marked.length).toBeGreaterThan(0);
    expect(marked.join('')).toMatch(/低保|最低|生活|保障/);
    // Segments concatenate back to the original title.
    expect(hit.title.map((s: any) => s.text).join('')).toBe('最低生活保障审批');
  });

  it('searches policies as well, and can be limited to one type', async () => {
    const all = await search('低保');
    expect(all.body.data.some((h: any) => h.type === 'policy')).toBe(true);
    const onlyPolicies = await search('低保', '&type=policy');
    expect(onlyPolicies.body.data.every((h: any) => h.type === 'policy')).toBe(true);
    const onlyItems = await search('低保', '&type=item');
    expect(onlyItems.body.data.every((h: any) => h.type === 'item')).toBe(true);
    expect(onlyItems.body.total + onlyPolicies.body.total).toBe(all.body.total);
  });

  it('relaxes to any word when nothing has every word, and says so', async () => {
    const { body } = await search('低保 飞机场');
    expect(body.relaxed).toBe(true);
    expect(titles(body)).toContain('最低生活保障审批');
  });

  it('returns an empty page, not an error, for nothing found or only punctuation', async () => {
    for (const q of ['火星移民签证', '！？。', '"', "'; DROP TABLE service_items; --", 'NEAR(a b)', '*', 'title:x']) {
      const { status, body } = await search(q);
      expect(status, q).toBe(200);
      expect(body.data.length, q).toBeGreaterThanOrEqual(0);
    }
    const { body } = await search('火星移民签证');
    expect(body.total).toBe(0);
  });

  it('paginates', async () => {
    const p1 = await search('登记', '&pageSize=3&page=1');
    const p2 = await search('登记', '&pageSize=3&page=2');
    expect(p1.body.total).toBeGreaterThan(3);
    const ids1 = p1.body.data.map((h: any) => `${h.type}${h.id}`);
    const ids2 = p2.body.data.map((h: any) => `${h.type}${h.id}`);
    expect(ids1.filter((x: string) => ids2.includes(x))).toEqual([]);
  });

  it.each([
    ['', 'query.q'],
    ['%20%20', 'query.q'],
    [encodeURIComponent('很'.repeat(51)), 'query.q'],
  ])('rejects q=%s', async (q, field) => {
    const { status, body } = await getJson(ctx.app, `/api/search?q=${q}`);
    expect(status).toBe(400);
    expect(body.error.details.issues[0].field).toBe(field);
  });

  it('rejects a missing q and a bad type', async () => {
    expect((await getJson(ctx.app, '/api/search')).status).toBe(400);
    const r = await getJson(ctx.app, '/api/search?q=a&type=user');
    expect(r.status).toBe(400);
    expect(r.body.error.details.issues[0].field).toBe('query.type');
  });

  it('keeps the index in step when content changes', async () => {
    const item = await getJson(ctx.app, '/api/items/by-code/36112300JY-XK-0002');
    expect((await search('鲲鹏展翅')).body.total).toBe(0);
    const { id, keywords } = item.body;
    // Through the one write path, as an editor's change would go (no editor: as the command-line import).
    const editing = systemContext({ db: ctx.db, search: ctx.search, config: ctx.config });
    await updateEntity({
      ctx: editing,
      input: { adapter: itemAdapter, id, patch: { keywords: [...keywords, '鲲鹏展翅'] }, baseVersion: undefined, requireBase: false },
    });
    const found = await search('鲲鹏展翅');
    expect(found.body.relaxed).toBe(false);
    expect(found.body.data.map((h: any) => h.id)).toEqual([id]);
    expect(found.body.data[0].snippet.some((s: any) => s.hit && s.text === '鲲鹏展翅')).toBe(true);
    // Unpublishing removes it from search.
    await setStatus({ ctx: editing, input: { adapter: itemAdapter, id, status: 'draft', baseVersion: undefined } });
    expect((await search('教师资格认定')).body.data.some((h: any) => h.type === 'item' && h.id === id)).toBe(false);
  });
});
