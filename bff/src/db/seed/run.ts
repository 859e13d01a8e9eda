import { emptyInterpretationDraft, emptyItemDraft, emptyPolicyDraft } from '@zw/shared';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { departments, halls, policies, serviceItems } from '../schema';
import { withTransaction } from '../tx';
import type { SearchService } from '../../services/search';
import { systemContext } from '../../lib/service';
import { createEntity } from '../../services/editor/engine';
import { hallAdapter, windowAdapter } from '../../services/editor/halls';
import { itemAdapter } from '../../services/editor/items';
import { interpretationAdapter, policyAdapter } from '../../services/editor/policies';
import { seedData } from './data';
import { seedHandlingRules } from './calendar';

export type SeedCounts = { departments: number; items: number; policies: number; halls: number; windows: number };

/**
 * Loads the demo county. Safe to re-run: a record that already exists (same
 * department code, item code, 文号, hall name or window number) is left as it
 * is, so editors' later changes are never overwritten. All or nothing.
 *
 * Content goes through the editing engine's adapters like every other write
 * (checks, QR code, search index). It writes no version and does not count as
 * a review: nobody has vouched for demo data, and the first edit records the
 * seeded state as the baseline.
 * Fields added to the model after the data was written get their empty-draft
 * value.
 */
export async function seed(db: Db, search: SearchService, data = seedData): Promise<SeedCounts> {
  // No request and no editor: a system context (editor null in every record, as before).
  const ctx = systemContext({ db, search });
  return withTransaction(db, async (tx) => {
    const opts = { tx, history: false, review: false } as const;
    const added: SeedCounts = { departments: 0, items: 0, policies: 0, halls: 0, windows: 0 };

    await seedHandlingRules(tx);

    for (const [i, d] of data.departments.entries()) {
      const r = await tx
        .insert(departments)
        .values({ ...d, sortOrder: i })
        .onConflictDoNothing()
        .returning({ id: departments.id });
      added.departments += r.length;
    }
    const deptRows = await tx.select({ id: departments.id, code: departments.code }).from(departments);
    const deptId = (code: string) => {
      const row = deptRows.find((d) => d.code === code);
      if (!row) throw new Error(`seed: unknown department ${code}`);
      return row.id;
    };

    const existingItems = new Set(
      (
        await tx
          .select({ code: serviceItems.code })
          .from(serviceItems)
          .where(
            inArray(
              serviceItems.code,
              data.items.map((i) => i.code),
            ),
          )
      ).map((r) => r.code),
    );
    for (const { department, ...item } of data.items) {
      if (existingItems.has(item.code)) continue;
      await createEntity({
        ctx,
        input: { adapter: itemAdapter, record: { ...emptyItemDraft, ...item, departmentId: deptId(department) }, ...opts },
      });
      added.items++;
    }
    const itemRows = await tx.select({ id: serviceItems.id, code: serviceItems.code }).from(serviceItems);
    const itemId = (code: string) => {
      const row = itemRows.find((r) => r.code === code);
      if (!row) throw new Error(`seed: unknown item ${code}`);
      return row.id;
    };

    for (const { department, interpretations, ...policy } of data.policies) {
      const exists = await tx.select({ id: policies.id }).from(policies).where(eq(policies.docNumber, policy.docNumber)).get();
      if (exists) continue;
      const { id: policyId } = await createEntity({
        ctx,
        input: {
          adapter: policyAdapter,
          record: { ...emptyPolicyDraft, ...policy, departmentId: department ? deptId(department) : null },
          ...opts,
        },
      });
      for (const { itemCodes, ...i } of interpretations) {
        await createEntity({
          ctx,
          input: {
            adapter: interpretationAdapter,
            record: { ...emptyInterpretationDraft, ...i, policyId, itemIds: itemCodes.map(itemId) },
            ...opts,
          },
        });
      }
      added.policies++;
    }

    for (const { windows, ...hall } of data.halls) {
      const existing = await tx.select({ id: halls.id }).from(halls).where(eq(halls.name, hall.name)).get();
      const hallId =
        existing?.id ??
        (await createEntity({ ctx, input: { adapter: hallAdapter, record: { ...hall, status: 'published' }, ...opts } })).id;
      if (!existing) added.halls++;
      for (const { department, itemCodes, ...w } of windows) {
        const wExists = await tx.query.serviceWindows.findFirst({
          where: (t, { and, eq }) => and(eq(t.hallId, hallId), eq(t.number, w.number)),
        });
        if (wExists) continue;
        await createEntity({
          ctx,
          input: {
            adapter: windowAdapter,
            record: {
              ...w,
              hallId,
              departmentId: department ? deptId(department) : null,
              itemIds: itemCodes.map(itemId),
              status: 'published',
            },
            ...opts,
          },
        });
        added.windows++;
      }
    }
    return added;
  });
}

/** True when the database holds no content yet (first start). */
export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db.select({ id: departments.id }).from(departments).limit(1).get();
  return !row;
}
