import type { StaffRole } from '@zw/shared';
import { and, eq, inArray } from 'drizzle-orm';
import type { PasswordHasher } from '../../lib/ports';
import type { Db } from '../client';
import { departments, staffUsers } from '../schema';
import { withTransaction } from '../tx';

/**
 * The published demo password of every demo account. It is printed in the
 * README, so production refuses to start while any active account still has it
 * (`demoPassword: true`).
 */
export const DEMO_PASSWORD = 'qingxi-demo-2026';

export type DemoAccount = { username: string; displayName: string; role: StaffRole; department: string | null };

/** One account per role, and staff in two departments (plus a colleague, for 首问负责制 and transfers). */
export const demoAccounts: readonly DemoAccount[] = [
  { username: 'mz_staff', displayName: '李娟', role: 'staff', department: 'mzj' },
  { username: 'mz_staff2', displayName: '周文斌', role: 'staff', department: 'mzj' },
  { username: 'rs_staff', displayName: '张强', role: 'staff', department: 'rsj' },
  { username: 'supervisor', displayName: '陈立新', role: 'supervisor', department: null },
  { username: 'editor', displayName: '刘芳', role: 'editor', department: null },
  { username: 'admin', displayName: '系统管理员', role: 'admin', department: null },
];

/**
 * Adds the demo accounts that are missing (by username); existing accounts,
 * whatever their password now, are left alone. Departments are found by code.
 * Hashing happens before the write transaction so the writer queue is not held
 * for the length of a slow hash. Returns how many were added.
 */
export async function seedDemoAccounts(
  db: Db,
  passwords: PasswordHasher,
  accounts: readonly DemoAccount[] = demoAccounts,
): Promise<number> {
  const existing = new Set(
    (
      await db
        .select({ username: staffUsers.username })
        .from(staffUsers)
        .where(
          inArray(
            staffUsers.username,
            accounts.map((a) => a.username),
          ),
        )
    ).map((r) => r.username),
  );
  const missing = accounts.filter((a) => !existing.has(a.username));
  if (missing.length === 0) return 0;
  // One at a time: each production scrypt hash takes ~128 MB.
  const toAdd: Array<DemoAccount & { passwordHash: string }> = [];
  for (const a of missing) toAdd.push({ ...a, passwordHash: await passwords.hash(DEMO_PASSWORD) });

  return withTransaction(db, async (tx) => {
    const depts = await tx.select({ id: departments.id, code: departments.code }).from(departments);
    let added = 0;
    for (const a of toAdd) {
      let departmentId: number | null = null;
      if (a.department) {
        const dept = depts.find((d) => d.code === a.department);
        if (!dept) throw new Error(`seed: unknown department ${a.department} for demo account ${a.username}`);
        departmentId = dept.id;
      }
      const rows = await tx
        .insert(staffUsers)
        .values({
          username: a.username,
          displayName: a.displayName,
          passwordHash: a.passwordHash,
          demoPassword: true,
          role: a.role,
          departmentId,
        })
        .onConflictDoNothing()
        .returning({ id: staffUsers.id });
      added += rows.length;
    }
    return added;
  });
}

/** Usernames of active accounts still on the published demo password (empty when none). */
export async function demoAccountsInUse(db: Db): Promise<string[]> {
  const rows = await db
    .select({ username: staffUsers.username })
    .from(staffUsers)
    .where(and(eq(staffUsers.demoPassword, true), eq(staffUsers.active, true)))
    .orderBy(staffUsers.username);
  return rows.map((r) => r.username);
}
