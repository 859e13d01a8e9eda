import { createClient, type Client } from '@libsql/client';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../src/lib/service';
import { itemAdapter } from '../src/services/editor/items';
import { updateEntity } from '../src/services/editor/engine';
import { verifyTrail } from '../src/services/trail';
import { call, departmentId, key, message, submit } from './cases-support';
import { createTestContext, getJson, loginCitizen, loginStaff, type TestContext } from './helpers';

/**
 * The tamper-evident trail (services/trail.ts, migrations 0003/0008/0010), tried
 * with the raw driver the way someone with the database file would: first with
 * the triggers in place (refused), then with the triggers dropped (found by
 * verifyTrail, which names the first row that does not fit).
 */
let ctx: TestContext;
let raw: Client;
const ids: { caseA: number; caseB: number; itemId: number } = { caseA: 0, caseB: 0, itemId: 0 };

beforeAll(async () => {
  ctx = await createTestContext();
  raw = createClient({ url: ctx.url });
  const citizen = await loginCitizen(ctx.app, 'trail');
  const mz = await loginStaff(ctx.app, 'mz_staff');
  const sup = await loginStaff(ctx.app, 'supervisor');
  const mzj = await departmentId(ctx, 'mzj');
  // A case through its whole life: submit, accept, note, contact revealed, chased, answered, closed, rated.
  ids.caseA = (await submit(ctx, citizen, message(mzj))).body.id;
  const act = (token: string, body: object) => call(ctx, 'POST', `/api/staff/cases/${ids.caseA}/actions`, token, body);
  expect((await act(mz, { action: 'accept' })).status).toBe(200);
  expect((await call(ctx, 'POST', `/api/staff/cases/${ids.caseA}/notes`, mz, { body: '已电话联系' })).status).toBe(200);
  expect((await call(ctx, 'POST', `/api/staff/cases/${ids.caseA}/contact`, mz)).status).toBe(200);
  expect((await call(ctx, 'POST', `/api/staff/cases/${ids.caseA}/chase`, sup, { body: '请尽快答复' })).status).toBe(200);
  expect((await act(mz, { action: 'reply', body: '您好，已为您办理，请留意短信通知。' })).status).toBe(200);
  expect((await act(mz, { action: 'close' })).status).toBe(200);
  expect((await call(ctx, 'POST', `/api/cases/${ids.caseA}/rating`, citizen, { level: 1, comment: '答非所问' })).status).toBe(201);
  ids.caseB = (await submit(ctx, citizen, message(mzj), key())).body.id;
  // Content edited twice through the one write path.
  const item = await getJson(ctx.app, '/api/items/by-code/36112300JY-XK-0002');
  ids.itemId = item.body.id;
  const editing = systemContext({ db: ctx.db, search: ctx.search, config: ctx.config });
  for (const summary of ['第一次修改的摘要，用于检验修改历史。', '第二次修改的摘要，用于检验修改历史。']) {
    await updateEntity({
      ctx: editing,
      input: { adapter: itemAdapter, id: ids.itemId, patch: { summary }, baseVersion: undefined, requireBase: false },
    });
  }
});
afterAll(() => {
  raw.close();
  ctx.cleanup();
});

const verify = () => verifyTrail(ctx.client, ctx.config);
const one = async (sql: string, args: Array<string | number | null> = []) =>
  (await raw.execute({ sql, args })).rows[0] as Record<string, any>;

describe('the trail as the product writes it', () => {
  it('verifies: every event and version chained, every case head matching, nothing unsealed', async () => {
    const report = await verify();
    expect(report.firstBroken).toBeNull();
    expect(report.unsealed).toBe(0);
    expect(report.caseEvents).toBeGreaterThanOrEqual(9);
    expect(report.contentVersions).toBeGreaterThanOrEqual(3);
    expect(report.cases).toBe(Number((await one('SELECT count(*) AS n FROM cases')).n));
    const events = (await raw.execute({ sql: 'SELECT action, hash FROM case_events WHERE case_id = ? ORDER BY id', args: [ids.caseA] }))
      .rows;
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['submit', 'accept', 'note', 'reveal_contact', 'chase', 'reply', 'close']),
    );
    expect(new Set(events.map((e) => e.hash)).size).toBe(events.length);
  });
});

describe('changing history with the triggers in place', () => {
  it('refuses a case change that comes without its event, and deleting a case', async () => {
    for (const sql of [
      "UPDATE cases SET state = 'closed', owner_id = NULL, due_at = '2099-01-01T00:00:00.000Z' WHERE id = ?",
      "UPDATE cases SET state = 'accepted' WHERE id = ?",
      'UPDATE cases SET owner_id = 1 WHERE id = ?',
      "UPDATE cases SET due_at = '2099-01-01T00:00:00.000Z' WHERE id = ?",
      'UPDATE cases SET department_id = department_id + 1 WHERE id = ?',
      "UPDATE cases SET paused_at = '2026-01-01T00:00:00.000Z' WHERE id = ?",
      // Pointing at an older event does not count, nor does the current one again.
      "UPDATE cases SET state = 'closed', trail_event_id = trail_event_id WHERE id = ?",
      "UPDATE cases SET state = 'closed', trail_event_id = (SELECT min(id) FROM case_events) WHERE id = ?",
      'DELETE FROM cases WHERE id = ?',
    ]) {
      await expect(raw.execute({ sql, args: [ids.caseB] }), sql).rejects.toThrow(/a case changes only with the event|never deleted/);
    }
    // Columns outside the state machine still change freely (the citizen merge, reminders bookkeeping).
    await raw.execute({ sql: "UPDATE cases SET due_soon_notified_at = '2026-01-01' WHERE id = ?", args: [ids.caseB] });
    expect((await verify()).firstBroken).toBeNull();
  });

  it('refuses UPDATE, DELETE, REPLACE and upserts on events and versions', async () => {
    for (const sql of [
      "UPDATE case_events SET action = 'note' WHERE case_id = ?",
      'UPDATE case_events SET hash = NULL WHERE case_id = ?',
      'DELETE FROM case_events WHERE case_id = ?',
    ]) {
      await expect(raw.execute({ sql, args: [ids.caseA] }), sql).rejects.toThrow(/append-only/);
    }
    for (const sql of [
      "UPDATE content_versions SET snapshot = '{}' WHERE entity_id = ?",
      'DELETE FROM content_versions WHERE entity_id = ?',
    ]) {
      await expect(raw.execute({ sql, args: [ids.itemId] }), sql).rejects.toThrow(/append-only|content_versions/);
    }
    const v = await one("SELECT * FROM content_versions WHERE entity_type = 'item' AND entity_id = ? ORDER BY version LIMIT 1", [
      ids.itemId,
    ]);
    await expect(
      raw.execute({
        sql: 'REPLACE INTO content_versions (id, entity_type, entity_id, version, action, editor_id, at, changed_fields, snapshot, hash) VALUES (?,?,?,?,?,?,?,?,?,?)',
        args: [v.id, v.entity_type, v.entity_id, v.version, 'update', null, v.at, '[]', '{}', v.hash],
      }),
    ).rejects.toThrow(/append-only/);
    expect((await verify()).firstBroken).toBeNull();
  });
});

describe('changing history with the triggers dropped: verifyTrail names the first row that does not fit', () => {
  // Each case runs on its own copy of the database, so one tampering does not hide another.
  async function tampered(statements: string[], args: Array<Array<string | number | null>> = []) {
    const { backupDatabase } = await import('../src/db/backup');
    const copyPath = join(ctx.dir, `tamper-${Math.random().toString(36).slice(2)}.db`);
    backupDatabase(ctx.url.slice('file:'.length), copyPath);
    const copy = createClient({ url: `file:${copyPath}` });
    const triggers = (
      await copy.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE 'case%' OR name LIKE 'content_versions%')")
    ).rows;
    for (const t of triggers) await copy.execute(`DROP TRIGGER "${String(t.name)}"`);
    for (const [i, sql] of statements.entries()) await copy.execute({ sql, args: args[i] ?? [] });
    const report = await verifyTrail(copy, ctx.config);
    copy.close();
    return { report, copyPath };
  }

  it('an event rewritten in place (a reveal_contact turned into a note)', async () => {
    const reveal = await one("SELECT id FROM case_events WHERE case_id = ? AND action = 'reveal_contact'", [ids.caseA]);
    const { report } = await tampered(["UPDATE case_events SET action = 'note' WHERE id = ?"], [[reveal.id]]);
    expect(report.firstBroken).toMatchObject({ table: 'case_events', id: Number(reveal.id) });
  });

  it('one character of an event’s JSON data', async () => {
    const accept = await one("SELECT id, data FROM case_events WHERE case_id = ? AND action = 'accept'", [ids.caseA]);
    const { report } = await tampered(
      ['UPDATE case_events SET data = ? WHERE id = ?'],
      [[String(accept.data).replace('"accepted"', '"accepteD"'), accept.id]],
    );
    expect(report.firstBroken).toMatchObject({ table: 'case_events', id: Number(accept.id) });
  });

  it('an event deleted from the middle: the next one no longer follows', async () => {
    const rows = (await raw.execute({ sql: 'SELECT id FROM case_events WHERE case_id = ? ORDER BY id', args: [ids.caseA] })).rows.map((r) =>
      Number(r.id),
    );
    const { report } = await tampered(['DELETE FROM case_events WHERE id = ?'], [[rows[2]!]]);
    expect(report.firstBroken).toMatchObject({ table: 'case_events', id: rows[3] });
  });

  it('the last event deleted: the case row points past the end of its trail', async () => {
    const last = await one('SELECT max(id) AS id FROM case_events WHERE case_id = ?', [ids.caseA]);
    const { report } = await tampered(['DELETE FROM case_events WHERE id = ?'], [[last.id]]);
    expect(report.firstBroken).toMatchObject({ table: 'cases', id: ids.caseA });
  });

  it('a case row changed without an event (state, owner and deadline, as the outside test did)', async () => {
    const { report } = await tampered(
      ["UPDATE cases SET state = 'closed', owner_id = NULL, due_at = '2099-01-01T00:00:00.000Z' WHERE id = ?"],
      [[ids.caseB]],
    );
    expect(report.firstBroken).toEqual({ table: 'cases', id: ids.caseB, reason: expect.stringMatching(/disagree with its trail/) });
  });

  it('a forged event with a hash someone computed without the key, or with none', async () => {
    const forge = (hash: string | null) => [
      `INSERT INTO case_events (case_id, at, actor_type, actor_id, action, from_state, to_state, visibility, body, data, hash)
       VALUES (?, '2026-11-30T00:00:00.000Z', 'staff', 1, 'close', 'accepted', 'closed', 'public', '已办结', NULL, ${hash === null ? 'NULL' : `'${hash}'`})`,
      "UPDATE cases SET state = 'closed', trail_event_id = last_insert_rowid() WHERE id = ?",
    ];
    for (const hash of [null, 'x'.repeat(43)]) {
      const { report } = await tampered(forge(hash), [[ids.caseB], [ids.caseB]]);
      expect(report.firstBroken).toMatchObject({ table: 'case_events' });
      expect(report.broken).toBeGreaterThanOrEqual(2); // the event, and the case head
    }
  });

  it('a content version rewritten, or one taken out of the middle', async () => {
    const versions = (
      await raw.execute({
        sql: "SELECT id, version FROM content_versions WHERE entity_type = 'item' AND entity_id = ? ORDER BY version",
        args: [ids.itemId],
      })
    ).rows;
    expect(versions.length).toBeGreaterThanOrEqual(3);
    const rewritten = await tampered(
      ["UPDATE content_versions SET snapshot = json_set(snapshot, '$.summary', '篡改') WHERE id = ?"],
      [[versions[1]!.id]],
    );
    expect(rewritten.report.firstBroken).toMatchObject({ table: 'content_versions', id: Number(versions[1]!.id) });
    const removed = await tampered(['DELETE FROM content_versions WHERE id = ?'], [[versions[1]!.id]]);
    expect(removed.report.firstBroken).toMatchObject({
      table: 'content_versions',
      id: Number(versions[2]!.id),
      reason: expect.stringMatching(/missing/),
    });
  });

  it('pnpm verify-trail exits 1 and names the row; 0 on the untouched file', async () => {
    const bff = join(dirname(fileURLToPath(import.meta.url)), '..');
    const run = (url: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/node/verify-trail-cli.ts'], {
        cwd: bff,
        env: { ...process.env, LIBSQL_URL: url, NODE_ENV: 'test' },
        encoding: 'utf8',
      });
    const good = run(ctx.url);
    expect(good.stderr).toBe('');
    expect(good.status).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ broken: 0, firstBroken: null });
    const { copyPath } = await tampered(["UPDATE cases SET state = 'closed' WHERE id = ?"], [[ids.caseB]]);
    const bad = run(`file:${copyPath}`);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`trail broken: 1 row(s); first: cases id ${ids.caseB}`);
  });
});
