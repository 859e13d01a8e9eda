// Fills a database with N cases spread over departments, types, states and
// deadlines (one bulk insert per 2,000 rows), for the inbox benchmark.
import { openDb } from '../../bff/src/db/client';
import { runMigrations } from '../../bff/src/db/migrate';
import { seed } from '../../bff/src/db/seed/run';
import { seedDemoAccounts } from '../../bff/src/db/seed/accounts';
import { withTransaction } from '../../bff/src/db/tx';
import { cases, citizens, departments } from '../../bff/src/db/schema';
import { createSearchService } from '../../bff/src/services/search';
import { jiebaSegmenter } from '../../bff/src/node/segmenter';
import { scryptHasher } from '../../bff/src/node/password';

const TYPES = ['投诉', '建议', '咨询', '求助', '举报', '表扬', '依申请公开'] as const;
const STATES = [
  'submitted',
  'accepted',
  'in_progress',
  'answered',
  'closed',
  'closed',
  'closed',
  'closed',
  'rejected',
  'transferred',
] as const;

export async function generateCases(url: string, total: number): Promise<{ cases: number; ms: number }> {
  const started = performance.now();
  const { db, client } = await openDb({ url });
  await runMigrations(db);
  await seed(db, createSearchService(jiebaSegmenter()));
  await seedDemoAccounts(db, scryptHasher({ N: 2 ** 14, r: 8, p: 1 }));
  const depts = (await db.select({ id: departments.id }).from(departments)).map((d) => d.id);
  const now = Date.now();
  await withTransaction(db, async (tx) => {
    for (let i = 0; i < 2000; i += 500) {
      await tx.insert(citizens).values(
        Array.from({ length: 500 }, (_, j) => ({
          openid: `bench:${i + j}`,
          createdAt: new Date(now).toISOString(),
          lastLoginAt: new Date(now).toISOString(),
        })),
      );
    }
  });
  const citizenIds = (await client.execute("SELECT id FROM citizens WHERE openid LIKE 'bench:%'")).rows.map((r) => Number(r.id));
  for (let start = 0; start < total; start += 2000) {
    await withTransaction(db, async (tx) => {
      const rows = [];
      for (let n = start; n < Math.min(total, start + 2000); n++) {
        // Received over the last 400 days; deadlines 3-20 working days later (≈ 5-28 calendar days).
        const received = now - ((n * 7919) % (400 * 86400)) * 1000;
        const due = received + (5 + (n % 24)) * 86400_000;
        const state = STATES[n % STATES.length]!;
        rows.push({
          trackingNo: `QXB${String(n).padStart(9, '0')}`,
          queryCodeHash: '-',
          type: TYPES[n % TYPES.length]!,
          state,
          title: `第 ${n} 件诉求`,
          content: '小区门口的路灯坏了一个多月，晚上老人出门很不方便，希望尽快维修。',
          targetType: 'department' as const,
          targetId: depts[n % depts.length]!,
          departmentId: depts[n % depts.length]!,
          citizenId: citizenIds[n % citizenIds.length]!,
          anonymous: n % 5 === 0,
          contactName: n % 5 === 0 ? null : '王女士',
          contactPhoneMasked: n % 5 === 0 ? null : '138****8000',
          receivedAt: new Date(received).toISOString(),
          dueAt: new Date(due).toISOString(),
          answeredAt: state === 'answered' || state === 'closed' ? new Date(received + 3 * 86400_000).toISOString() : null,
          closedAt: state === 'closed' || state === 'rejected' ? new Date(received + 4 * 86400_000).toISOString() : null,
          updatedAt: new Date(received).toISOString(),
        });
      }
      // SQLite allows 32,766 bound variables per statement: 800 rows × ~30 columns stays below.
      for (let i = 0; i < rows.length; i += 800) await tx.insert(cases).values(rows.slice(i, i + 800));
    });
  }
  const count = Number((await client.execute('SELECT count(*) AS n FROM cases')).rows[0]!.n);
  client.close();
  return { cases: count, ms: performance.now() - started };
}
