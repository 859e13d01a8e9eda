import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestContext, getJson, loginStaff, type TestContext } from './helpers';
import { call, completeItemFields, contentVersion, rows } from './editor-support';

let ctx: TestContext;
let editor: string;

beforeAll(async () => {
  ctx = await createTestContext();
  editor = await loginStaff(ctx.app, 'editor');
});
afterAll(() => ctx.cleanup());

async function exportText(kind: 'items' | 'policies', format: 'json' | 'csv') {
  const res = await ctx.app.request(`/api/editor/export/${kind}?format=${format}`, { headers: bearer(editor) });
  expect(res.status).toBe(200);
  return { text: await res.text(), headers: res.headers };
}

async function importText(kind: 'items' | 'policies', text: string, contentType: string, query = '') {
  const res = await ctx.app.request(`/api/editor/import/${kind}${query}`, {
    method: 'POST',
    headers: { ...bearer(editor), 'content-type': contentType },
    body: text,
  });
  const body = (await res.json()) as any;
  return { status: res.status, body };
}

const count = async (sql: string) => Number((await rows(ctx, sql))[0]!.n);
const snapshotCounts = async () => ({
  items: await count('SELECT count(*) AS n FROM service_items'),
  policies: await count('SELECT count(*) AS n FROM policies'),
  versions: await count('SELECT count(*) AS n FROM content_versions'),
  content: await contentVersion(ctx),
});

/** Rows of an exported CSV as objects (header → cell). */
function csvRecords(text: string): Array<Record<string, string>> {
  return parse(text, { bom: true, columns: true }) as Array<Record<string, string>>;
}
function toCsvText(records: Array<Record<string, string>>): string {
  return stringify(records, { header: true });
}

describe('export', () => {
  it('exports every guide as JSON and CSV, departments by code, as a download', async () => {
    const json = await exportText('items', 'json');
    expect(json.headers.get('content-type')).toContain('application/json');
    expect(json.headers.get('content-disposition')).toMatch(/attachment; filename="items-\d{8}\.json"/);
    const records = JSON.parse(json.text);
    expect(records.length).toBe(await count('SELECT count(*) AS n FROM service_items'));
    expect(Object.keys(records[0]).slice(0, 5)).toEqual(['code', 'name', 'itemType', 'department', 'status']);
    expect(records[0]).not.toHaveProperty('id');
    expect(records[0]).not.toHaveProperty('departmentId');

    const csvRes = await ctx.app.request('/api/editor/export/items?format=csv', { headers: bearer(editor) });
    expect(csvRes.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csvRes.arrayBuffer());
    // A BOM first, so that Excel and WPS read the file as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = { text: new TextDecoder().decode(bytes) };
    expect(csv.text.startsWith('code,name,itemType,department,status,')).toBe(true);
    const parsed = csvRecords(csv.text);
    expect(parsed.length).toBe(records.length);
    const id = parsed.find((r) => r.code === '36112300GA-GG-0001')!;
    const asJson = records.find((r: any) => r.code === '36112300GA-GG-0001');
    expect(id['fee.charged']).toBe(asJson.fee.charged ? '是' : '否');
    expect(id['fee.standard']).toBe(asJson.fee.standard);
    expect(JSON.parse(id.legalBasis!)[0].law).toContain('《');
    // Lists of text are one entry per line, readable in a spreadsheet.
    expect(id.conditions!.split('\n').length).toBeGreaterThan(1);
  });

  it('round-trips: importing an export (JSON or CSV, guides or policies) changes nothing at all', async () => {
    const before = await snapshotCounts();
    for (const kind of ['items', 'policies'] as const) {
      for (const format of ['json', 'csv'] as const) {
        const { text } = await exportText(kind, format);
        const r = await importText(kind, text, format === 'json' ? 'application/json' : 'text/csv; charset=utf-8');
        expect(r.status, `${kind} ${format}: ${JSON.stringify(r.body).slice(0, 300)}`).toBe(200);
        expect(r.body).toMatchObject({ kind, dryRun: false, created: 0, updated: 0 });
        expect(r.body.unchanged).toBe(r.body.total);
        expect(r.body.total).toBeGreaterThan(10);
      }
    }
    expect(await snapshotCounts()).toEqual(before);
  });
});

describe('import', () => {
  it('updates what changed and creates what is new, each with an import version', async () => {
    const records = csvRecords((await exportText('items', 'csv')).text);
    const target = records.find((r) => r.code === '36112300GA-GG-0001')!;
    target.officeHours = '周一至周六 8:30-17:30';
    target.keywords = `${target.keywords}\n二代证`;
    const fresh = {
      ...Object.fromEntries(Object.keys(target).map((k) => [k, ''])),
      code: '36112300MZ-GG-0777',
      name: '导入的新事项',
      itemType: '公共服务',
      department: 'mzj',
      status: 'draft',
      'fee.charged': '否',
      statutoryLimitDays: '3',
    };
    const r = await importText('items', toCsvText([target, fresh]), 'text/csv');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ total: 2, created: 1, updated: 1, unchanged: 0 });
    // Lines are the file's: the first row's quoted cells span several lines.
    const linesOfFirst = 1 + Object.values(target).join('').split('\n').length - 1;
    expect(linesOfFirst).toBeGreaterThan(1);
    expect(r.body.rows).toEqual([
      expect.objectContaining({ line: 2, key: '36112300GA-GG-0001', action: 'updated' }),
      expect.objectContaining({ line: 2 + linesOfFirst, key: '36112300MZ-GG-0777', action: 'created' }),
    ]);

    const updated = await getJson(ctx.app, '/api/items/by-code/36112300GA-GG-0001');
    expect(updated.body.officeHours).toBe('周一至周六 8:30-17:30');
    const hits = (await getJson(ctx.app, `/api/search?q=${encodeURIComponent('二代证')}`)).body.data;
    expect(hits.map((h: any) => h.id)).toContain(updated.body.id);
    const versions = (await call(ctx, 'GET', `/api/editor/items/${updated.body.id}/versions`, editor)).body.data;
    expect(versions[0]).toMatchObject({ action: 'import', editor: { name: '刘芳' } });
    expect(versions[0].changedFields.sort()).toEqual(['keywords', 'officeHours']);

    const created = r.body.rows[1].id;
    const draft = (await call(ctx, 'GET', `/api/editor/items/${created}`, editor)).body;
    expect(draft).toMatchObject({ status: 'draft', statutoryLimitDays: 3, name: '导入的新事项' });
    expect((await getJson(ctx.app, `/api/items/${created}`)).status).toBe(404);
  });

  it('columns left out keep their values (a file may carry only the fields it changes)', async () => {
    const before = (await getJson(ctx.app, '/api/items/by-code/36112300GA-GG-0001')).body;
    const r = await importText('items', 'code,consultPhone\n36112300GA-GG-0001,0797-6320000\n', 'text/csv');
    expect(r.status).toBe(200);
    expect(r.body.updated).toBe(1);
    const after = (await getJson(ctx.app, '/api/items/by-code/36112300GA-GG-0001')).body;
    expect(after.consultPhone).toBe('0797-6320000');
    expect(after.legalBasis).toEqual(before.legalBasis);
    expect(after.fee).toEqual(before.fee);
    // The same through JSON, with one fee column kept from the stored fee.
    const j = await importText('items', JSON.stringify([{ code: '36112300GA-GG-0001', fee: { basis: '新的依据' } }]), 'application/json');
    expect(j.status).toBe(200);
    const fee = (await getJson(ctx.app, '/api/items/by-code/36112300GA-GG-0001')).body.fee;
    expect(fee).toEqual({ ...before.fee, basis: '新的依据' });
  });

  it('reports every bad row with its line and field, and imports nothing', async () => {
    const before = await snapshotCounts();
    const header = 'code,name,itemType,department,status,conditions,statutoryLimitDays,fee.charged,legalBasis,supervisionPhone';
    const lines = [
      header,
      // 2: fine on its own (would be created)
      '36112300MZ-GG-0801,好的一行,公共服务,mzj,draft,,,否,,',
      // 3–4: a quoted cell spanning two lines, then a bad number
      '36112300MZ-GG-0802,"跨行的\n名称",公共服务,mzj,draft,,三天,否,,',
      // 5: unknown department and a bad yes/no
      '36112300MZ-GG-0803,部门不对,公共服务,xyz,draft,,,也许,,',
      // 6: published but incomplete: names the missing 七公开
      '36112300MZ-GG-0804,要发布的,行政许可,mzj,published,,,否,,',
      // 7: bad JSON cell and bad phone
      '36112300MZ-GG-0805,坏JSON,公共服务,mzj,draft,,,否,[{law:x},call me',
      // 8: duplicate of line 2
      '36112300MZ-GG-0801,重复,公共服务,mzj,draft,,,否,,',
      // 9: bad code, unknown type, too few columns are separate problems
      'not-a-code,坏编码,许可,mzj,draft,,,否,,',
      '36112300MZ-GG-0806,少列',
      '',
      // 12: a new row without a name
      '36112300MZ-GG-0807,,公共服务,mzj,draft,,,否,,',
    ];
    const r = await importText('items', lines.join('\n'), 'text/csv');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.message).toMatch(/没有导入任何内容/);
    const issues: Array<{ line: number; field: string; message: string }> = r.body.error.details.issues;
    const at = (line: number) => issues.filter((i) => i.line === line).map((i) => i.field);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual(['statutoryLimitDays']);
    expect(at(5)).toEqual(expect.arrayContaining(['fee.charged']));
    expect(issues.find((i) => i.line === 5 && i.field === 'fee.charged')!.message).toContain('也许');
    expect(at(6)).toEqual(
      expect.arrayContaining(['legalBasis', 'procedure', 'conditions', 'fee.standard', 'responsibleUnit', 'supervisionPhone']),
    );
    expect(issues.find((i) => i.line === 6 && i.field === 'legalBasis')!.message).toContain('办理依据');
    expect(at(7)).toEqual(expect.arrayContaining(['legalBasis']));
    expect(at(8)).toEqual(['code']);
    expect(issues.find((i) => i.line === 8)!.message).toContain('第 2 行');
    expect(at(9)).toEqual(expect.arrayContaining(['code', 'itemType']));
    expect(at(10)).toEqual(['']);
    expect(at(12)).toEqual(['name']);
    // Line 5's department is reported once its own fields are fine: fix and re-check.
    const dept = await importText('items', [header, '36112300MZ-GG-0803,部门不对,公共服务,xyz,draft,,,否,,'].join('\n'), 'text/csv');
    expect(dept.body.error.details.issues).toEqual([
      expect.objectContaining({ line: 2, field: 'department', message: expect.stringContaining('xyz') }),
    ]);
    // Sorted by line; nothing written.
    expect(issues.map((i) => i.line)).toEqual([...issues.map((i) => i.line)].sort((a, b) => a - b));
    expect(await snapshotCounts()).toEqual(before);
    expect((await rows(ctx, "SELECT count(*) AS n FROM service_items WHERE code = '36112300MZ-GG-0801'"))[0]!.n).toBe(0);
  });

  it('reports bad JSON records by the line where each starts', async () => {
    const before = await snapshotCounts();
    const text = `[
  {
    "code": "36112300MZ-GG-0901",
    "name": "第一条",
    "itemType": "公共服务",
    "department": "mzj",
    "status": "draft"
  },
  {
    "code": "36112300MZ-GG-0902",
    "name": "",
    "itemType": "公共服务",
    "department": "mzj",
    "status": "draft",
    "materials": [{ "name": "身份证", "form": "原件", "copies": "一份", "required": true }]
  },
  { "code": "36112300MZ-GG-0903", "name": "未知字段", "itemType": "公共服务", "department": "mzj", "status": "draft", "colour": "red" },
  "not an object"
]`;
    const r = await importText('items', text, 'application/json');
    expect(r.status).toBe(400);
    const issues = r.body.error.details.issues;
    expect(issues).toEqual([
      expect.objectContaining({ line: 9, field: 'name' }),
      expect.objectContaining({ line: 9, field: 'materials.0.copies' }),
      expect.objectContaining({ line: 17, field: 'colour' }),
      expect.objectContaining({ line: 18, field: '' }),
    ]);
    const broken = await importText('items', '[\n  { "code": "x",\n    "name": }\n]', 'application/json');
    expect(broken.status).toBe(400);
    expect(broken.body.error.details.issues).toEqual([
      expect.objectContaining({ line: 3, field: '', message: expect.stringContaining('JSON') }),
    ]);
    const notArray = await importText('items', '{ "code": "x" }', 'application/json');
    expect(notArray.body.error.details.issues[0].message).toContain('数组');
    const unclosed = await importText('items', 'code,name\n36112300MZ-GG-0904,"未闭合\n', 'text/csv');
    expect(unclosed.status).toBe(400);
    expect(unclosed.body.error.details.issues[0]).toMatchObject({ field: '', message: expect.stringContaining('CSV') });
    const badHeader = await importText('items', 'code,名字\n36112300MZ-GG-0904,x\n', 'text/csv');
    expect(badHeader.body.error.details.issues).toEqual([expect.objectContaining({ line: 1, field: '名字' })]);
    expect(await snapshotCounts()).toEqual(before);
  });

  it('checks without writing on ?dryRun=true', async () => {
    const before = await snapshotCounts();
    const r = await importText(
      'items',
      JSON.stringify([{ code: '36112300MZ-GG-0950', name: '演练', itemType: '公共服务', department: 'mzj', status: 'draft' }]),
      'application/json',
      '?dryRun=true',
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ dryRun: true, created: 1, rows: [expect.objectContaining({ action: 'created', id: null })] });
    expect(await snapshotCounts()).toEqual(before);
  });

  it('imports a complete published guide, searchable at once but not counted as reviewed', async () => {
    const record = {
      code: '36112300MZ-XK-0960',
      name: '导入即发布的事项',
      itemType: '行政许可',
      department: 'mzj',
      status: 'published',
      ...completeItemFields({ keywords: ['麒麟证'] }),
    };
    const r = await importText('items', JSON.stringify([record]), 'application/json');
    expect(r.status).toBe(200);
    const id = r.body.rows[0].id;
    expect((await getJson(ctx.app, `/api/items/${id}`)).status).toBe(200);
    expect((await getJson(ctx.app, `/api/search?q=${encodeURIComponent('麒麟证')}`)).body.data.map((h: any) => h.id)).toContain(id);
    expect((await call(ctx, 'GET', `/api/editor/items/${id}`, editor)).body.reviewedAt).toBeNull();
    // Withdrawn by import: gone for citizens and from search.
    const w = await importText('items', JSON.stringify([{ code: record.code, status: 'draft' }]), 'application/json');
    expect(w.body.updated).toBe(1);
    expect((await getJson(ctx.app, `/api/items/${id}`)).status).toBe(404);
    expect((await getJson(ctx.app, `/api/search?q=${encodeURIComponent('麒麟证')}`)).body.total).toBe(0);
  });

  it('imports policies by 文号', async () => {
    const csv = csvRecords((await exportText('policies', 'csv')).text);
    expect(Object.keys(csv[0]!)).toEqual([
      'docNumber',
      'title',
      'issuer',
      'department',
      'issuedAt',
      'effectiveAt',
      'expiresAt',
      'validity',
      'status',
      'summary',
      'body',
    ]);
    const first = csv[0]!;
    first.validity = '已废止';
    const bad = { ...first, docNumber: '青测〔2026〕1号', issuedAt: '2026/01/01', status: 'published', department: 'nope' };
    const r1 = await importText('policies', toCsvText([first, bad]), 'text/csv');
    expect(r1.status).toBe(400);
    const secondLine = 2 + Object.values(first).join('').split('\n').length;
    expect(r1.body.error.details.issues).toEqual([expect.objectContaining({ line: secondLine, field: 'issuedAt' })]);
    const r2 = await importText('policies', toCsvText([first]), 'text/csv');
    expect(r2.body).toMatchObject({ updated: 1 });
    const id = r2.body.rows[0].id;
    expect((await getJson(ctx.app, `/api/policies/${id}`)).body.validity).toBe('已废止');
  });

  it('needs a format it knows and a file that is not empty', async () => {
    expect((await importText('items', '[]', 'text/plain')).status).toBe(400);
    expect((await importText('items', '[]', 'text/plain', '?format=json')).status).toBe(200);
    expect((await importText('items', '  ', 'application/json')).status).toBe(400);
    expect((await importText('things' as never, '[]', 'application/json')).status).toBe(400);
    expect((await call(ctx, 'GET', '/api/editor/export/items?format=xml', editor)).status).toBe(400);
  });
});

describe('the import command (pnpm --filter bff run import <file>)', () => {
  const cli = resolve(import.meta.dirname, '..', 'src', 'node', 'import-cli.ts');
  const run = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      // From bff/ (where tsx resolves), as pnpm runs it; INIT_CWD is where the command was typed.
      const proc = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
        cwd: resolve(import.meta.dirname, '..'),
        env: { ...process.env, LIBSQL_URL: ctx.url, NODE_ENV: 'test', INIT_CWD: ctx.dir },
      });
      let stdout = '';
      let stderr = '';
      proc.stdout.on('data', (d) => (stdout += String(d)));
      proc.stderr.on('data', (d) => (stderr += String(d)));
      proc.on('close', (code) => done({ code, stdout, stderr }));
    });

  it('prints every error with its line and exits 1, importing nothing; imports a good file and exits 0', async () => {
    writeFileSync(
      join(ctx.dir, 'bad.csv'),
      'code,name,itemType,department,status\n36112300MZ-GG-0990,命令行,公共服务,mzj,draft\n36112300MZ-GG-0991,,公共服务,nowhere,draft\nbad,x,公共服务,mzj,draft\n',
    );
    const bad = await run(['bad.csv']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('没有导入任何内容');
    expect(bad.stderr).toMatch(/第 3 行 name：/);
    expect(bad.stderr).toMatch(/第 4 行 code：/);
    expect((await rows(ctx, "SELECT count(*) AS n FROM service_items WHERE code = '36112300MZ-GG-0990'"))[0]!.n).toBe(0);

    writeFileSync(join(ctx.dir, 'good.csv'), 'code,name,itemType,department,status\n36112300MZ-GG-0990,命令行导入,公共服务,mzj,draft\n');
    const good = await run(['good.csv']);
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('新增 1');
    const [row] = await rows(ctx, "SELECT id, name FROM service_items WHERE code = '36112300MZ-GG-0990'");
    expect(row!.name).toBe('命令行导入');
    const [v] = await rows(ctx, "SELECT action, editor_id FROM content_versions WHERE entity_type = 'item' AND entity_id = ?", [
      Number(row!.id),
    ]);
    expect(v).toMatchObject({ action: 'import', editor_id: null });

    expect((await run([])).code).toBe(2);
    expect((await run(['missing.json'])).code).toBe(2);
  }, 60_000);
});
