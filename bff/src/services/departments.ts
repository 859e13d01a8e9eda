import type { Department } from '@zw/shared';
import { asc, eq } from 'drizzle-orm';
import { departments } from '../db/schema';
import { NotFoundError } from '../lib/errors';
import type { VerbArgs } from '../lib/service';

const columns = {
  id: departments.id,
  code: departments.code,
  name: departments.name,
  shortName: departments.shortName,
  description: departments.description,
  phone: departments.phone,
  address: departments.address,
};

export async function listDepartments({ ctx }: VerbArgs): Promise<{ data: Department[] }> {
  return { data: await ctx.db.select(columns).from(departments).orderBy(asc(departments.sortOrder), asc(departments.id)) };
}

export async function getDepartment({ ctx, input: { id } }: VerbArgs<{ id: number }>): Promise<Department> {
  const row = await ctx.db.select(columns).from(departments).where(eq(departments.id, id)).get();
  if (!row) throw new NotFoundError('没有找到这个部门');
  return row;
}
