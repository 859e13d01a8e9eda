import { sql } from 'drizzle-orm';
import { createClient } from '@libsql/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../src/db/client';
import { runMigrations } from '../src/db/migrate';
import { isEmpty, seed } from '../src/db/seed/run';
import { checkSeed } from '../src/db/seed/check';
import { seedData } from '../src/db/seed/data';
import { withTransaction } from '../src/db/tx';
import { createSearchService } from '../src/services/search';
import { testSegmenter } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'zw-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migrations', () => {
  it('build every table and the search index on an empty file, and re-running is a no-op', async () => {
    const url = `file:${join(dir, 'm.db')}`;
    const { db, client } = await openDb({ url });
    await runMigrations(db);
    await runMigrations(db);
    const tables = (await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).rows.map((r) => r.name);
    for (const t of [
      'departments',
      'service_items',
      'halls',
      'service_windows',
      'window_items',
      'policies',
      'interpretations',
      'interpretation_items',
      'qr_codes',
      'search_docs',
      'search_fts',
    ]) {
      expect(tables).toContain(t);
    }
    expect((await client.execute('PRAGMA journal_mode')).rows[0]!.journal_mode).toBe('wal');
    // PRAGMAs run on the writer, which never busy-waits inside SQLite (that would stop the event loop): db-lock.test.ts.
    expect((await client.execute('PRAGMA busy_timeout')).rows[0]!.timeout).toBe(0);
    client.close();
  });
});

describe('seed', () => {
  it('is valid against the shared contracts and large enough', () => {
    expect(checkSeed()).toEqual([]);
    expect(seedData.departments.length).toBeGreaterThanOrEqual(8);
    expect(seedData.items.length).toBeGreaterThanOrEqual(40);
    expect(seedData.policies.length).toBeGreaterThanOrEqual(15);
    expect(seedData.halls.length).toBeGreaterThanOrEqual(2);
    expect(new Set(seedData.items.map((i) => i.itemType)).size).toBeGreaterThanOrEqual(4);
  });

  it('loads once and is safe to re-run', async () => {
    const url = `file:${join(dir, 's.db')}`;
    const { db, client } = await openDb({ url });
    await runMigrations(db);
    const search = createSearchService(testSegmenter());
    expect(await isEmpty(db)).toBe(true);
    const first = await seed(db, search);
    expect(first.items).toBe(seedData.items.length);
    expect(await isEmpty(db)).toBe(false);
    const counts = async () =>
      (
        await client.execute(
          'SELECT (SELECT count(*) FROM service_items) a, (SELECT count(*) FROM search_docs) b, (SELECT count(*) FROM interpretations) c, (SELECT count(*) FROM qr_codes) d',
        )
      ).rows[0];
    const before = await counts();
    const second = await seed(db, search);
    expect(second).toEqual({ departments: 0, items: 0, policies: 0, halls: 0, windows: 0 });
    expect(await counts()).toEqual(before);
    client.close();
  });

  it('rolls back completely when a record is invalid', async () => {
    const url = `file:${join(dir, 'bad.db')}`;
    const { db, client } = await openDb({ url });
    await runMigrations(db);
    const broken = {
      ...seedData,
      halls: [{ ...seedData.halls[0]!, windows: [{ ...seedData.halls[0]!.windows[0]!, itemCodes: ['NO-SUCH-ITEM'] }] }],
    };
    await expect(seed(db, createSearchService(testSegmenter()), broken)).rejects.toThrow(/unknown item/);
    expect((await client.execute('SELECT count(*) n FROM service_items')).rows[0]!.n).toBe(0);
    expect((await client.execute('SELECT count(*) n FROM search_docs')).rows[0]!.n).toBe(0);
    // The write lock was released: another writer gets through.
    await withTransaction(db, async (tx) => {
      await tx.run(
        sql.raw(
          `INSERT INTO departments (code, name, short_name, description, phone, address, created_at, updated_at) VALUES ('x','x','x','x','1','x','t','t')`,
        ),
      );
    });
    client.close();
  });
});

describe('transactions', () => {
  it('queue concurrent writers instead of failing with SQLITE_BUSY', async () => {
    const url = `file:${join(dir, 'tx.db')}`;
    const { db, client } = await openDb({ url });
    await runMigrations(db);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        withTransaction(db, async (tx) => {
          await tx.run(
            sql.raw(
              `INSERT INTO departments (code, name, short_name, description, phone, address, created_at, updated_at) VALUES ('d${i}','n','s','d','1','a','t','t')`,
            ),
          );
          await new Promise((r) => setTimeout(r, 1));
        }),
      ),
    );
    expect((await client.execute('SELECT count(*) n FROM departments')).rows[0]!.n).toBe(50);
    client.close();
    const raw = createClient({ url });
    expect((await raw.execute('SELECT count(*) n FROM departments')).rows[0]!.n).toBe(50);
    raw.close();
  });
});
