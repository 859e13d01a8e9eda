import { eq } from 'drizzle-orm';
import { cases } from '../../db/schema';
import type { Executor } from '../../db/tx';
import type { Citizen, Staff } from '../../lib/context';
import { NotFoundError } from '../../lib/errors';

export type CaseRow = typeof cases.$inferSelect;

/**
 * Who may see a case — the one rule, used by every endpoint that takes a case id:
 * supervisors and admins see all; staff see their department's cases and the ones
 * they own; editors see none. A refusal is the same 404 as a missing id, so ids
 * reveal nothing.
 */
export function staffMaySee(staff: Staff, c: Pick<CaseRow, 'departmentId' | 'ownerId'>): boolean {
  if (staff.role === 'supervisor' || staff.role === 'admin') return true;
  if (staff.role === 'editor') return false;
  return c.departmentId === staff.departmentId || c.ownerId === staff.id;
}

const notFound = () => new NotFoundError('没有找到这件诉求');

export async function caseForStaff(exec: Executor, id: number, staff: Staff): Promise<CaseRow> {
  const row = await exec.select().from(cases).where(eq(cases.id, id)).get();
  if (!row || !staffMaySee(staff, row)) throw notFound();
  return row;
}

export async function caseForCitizen(exec: Executor, id: number, citizen: Citizen): Promise<CaseRow> {
  const row = await exec.select().from(cases).where(eq(cases.id, id)).get();
  if (!row || row.citizenId !== citizen.id) throw notFound();
  return row;
}
