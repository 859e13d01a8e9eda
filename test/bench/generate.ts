// Fills a database with N generated service items (variants of the seed items,
// one per township), written through the real write path: the editing engine's
// item adapter (checks, QR code, search index, an `import` version each).
import { openDb } from '../../bff/src/db/client';
import { runMigrations } from '../../bff/src/db/migrate';
import { seed } from '../../bff/src/db/seed/run';
import { seedData } from '../../bff/src/db/seed/data';
import { withTransaction } from '../../bff/src/db/tx';
import { departments } from '../../bff/src/db/schema';
import { emptyItemDraft } from '@zw/shared';
import { systemContext } from '../../bff/src/lib/service';
import { createEntity } from '../../bff/src/services/editor/engine';
import { itemAdapter } from '../../bff/src/services/editor/items';
import { createSearchService } from '../../bff/src/services/search';
import { jiebaSegmenter } from '../../bff/src/node/segmenter';

const TOWNS = [
  '城关',
  '东岭',
  '西坪',
  '南塘',
  '北峪',
  '青石',
  '白沙',
  '桃源',
  '杨柳',
  '梅岭',
  '石门',
  '河口',
  '龙泉',
  '凤凰',
  '新田',
  '上坊',
  '下湾',
  '马鞍',
  '松溪',
  '竹林',
];

export async function generateItems(url: string, total: number): Promise<{ items: number; ms: number }> {
  const started = performance.now();
  const { db, client } = await openDb({ url });
  await runMigrations(db);
  const search = createSearchService(jiebaSegmenter());
  await seed(db, search);
  const depts = new Map((await db.select({ id: departments.id, code: departments.code }).from(departments)).map((d) => [d.code, d.id]));
  const templates = seedData.items;
  const needed = total - templates.length;
  const batch = 250;
  const ctx = systemContext({ db, search });
  for (let start = 0; start < needed; start += batch) {
    await withTransaction(db, async (tx) => {
      for (let n = start; n < Math.min(needed, start + batch); n++) {
        const t = templates[n % templates.length]!;
        const variant = Math.floor(n / templates.length);
        const town = `${TOWNS[variant % TOWNS.length]}${Math.floor(variant / TOWNS.length) + 1}`;
        const { department, ...item } = t;
        await createEntity({
          ctx,
          input: {
            adapter: itemAdapter,
            record: {
              ...emptyItemDraft,
              ...item,
              // Same department letters and number, another region prefix per variant: unique and valid.
              code: `${36200000 + variant}${item.code.slice(8)}`,
              name: `${item.name}（${town}镇便民服务站）`,
              location: `清溪县${town}镇便民服务站`,
              departmentId: depts.get(department)!,
            },
            tx,
            action: 'import',
            review: false,
          },
        });
      }
    });
  }
  const count = (await client.execute('SELECT count(*) AS n FROM service_items')).rows[0]!.n as number;
  client.close();
  return { items: count, ms: performance.now() - started };
}
