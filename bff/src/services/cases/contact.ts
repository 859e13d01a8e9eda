import { eq } from 'drizzle-orm';
import { cases } from '../../db/schema';
import { appendCaseEvent } from '../trail';
import { withTransaction, type Executor } from '../../db/tx';
import type { Staff } from '../../lib/context';
import { AppError } from '../../lib/errors';
import type { AppConfig } from '../../lib/ports';
import type { StaffArgs } from '../../lib/service';
import { followUpToHandle } from '../ratings';
import { caseForStaff, type CaseRow } from './access';

export type RevealedContact = { name: string | null; phone: string | null };
const none: RevealedContact = { name: null, phone: null };

/**
 * The one way a full contact number leaves the database: decrypted on request,
 * and every reveal written to the case's audit trail (who, when, why — never the
 * number itself) in the same transaction. Anonymous cases have nothing to reveal.
 */
async function auditedReveal(
  tx: Executor,
  deps: { config: AppConfig; now: Date; staff: Staff },
  c: Pick<CaseRow, 'id' | 'state' | 'anonymous' | 'contactName' | 'contactPhoneEnc'>,
  reason: Record<string, unknown> = {},
): Promise<RevealedContact> {
  if (c.anonymous || !c.contactPhoneEnc) return none;
  await appendCaseEvent(tx, deps.config, {
    caseId: c.id,
    at: deps.now.toISOString(),
    actorType: 'staff',
    actorId: deps.staff.id,
    action: 'reveal_contact',
    fromState: c.state,
    toState: c.state,
    visibility: 'internal',
    body: null,
    data: { ...reason, field: 'phone' },
  });
  return { name: c.contactName, phone: await deps.config.cipher.decrypt(deps.config.contactKey, c.contactPhoneEnc) };
}

/** POST /api/staff/cases/{id}/contact: the handler (owner) of the case only. */
export async function revealContact({ ctx, input: { id } }: StaffArgs<{ id: number }>): Promise<RevealedContact> {
  const { db, now, config, actor: staff } = ctx;
  return withTransaction(db, async (tx) => {
    const c = await caseForStaff(tx, id, staff);
    if (c.ownerId !== staff.id) throw new AppError('FORBIDDEN', 403, '只有承办人可以查看完整联系方式，请先受理');
    return auditedReveal(tx, { config, now, staff }, c);
  });
}

/**
 * POST /api/staff/follow-ups/{id}/contact: whoever must make the 回访 call — the
 * assignee, a supervisor or admin, or (while unassigned) staff of the follow-up's
 * department. Recorded on the rated case's audit trail with the follow-up's id.
 * A window rating (一次一评) carries no contact.
 */
export async function revealFollowUpContact({ ctx, input: { id } }: StaffArgs<{ id: number }>): Promise<RevealedContact> {
  const { db, now, config, actor: staff } = ctx;
  return withTransaction(db, async (tx) => {
    const row = await followUpToHandle(tx, id, staff);
    if (row.caseId === null) return none;
    const c = await tx.select().from(cases).where(eq(cases.id, row.caseId)).get();
    if (!c) return none;
    return auditedReveal(tx, { config, now, staff }, c, { followUpId: id });
  });
}
