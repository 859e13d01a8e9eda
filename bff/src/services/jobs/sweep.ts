import { deadlineStatus, reopenDeadline } from '@zw/shared';
import { and, asc, eq, inArray, isNull, lte, notExists } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { cases, ratings } from '../../db/schema';
import { appendCaseEvent } from '../trail';
import { withTransaction } from '../../db/tx';
import type { Logger } from '../../lib/logger';
import { purgeUnattachedUploads } from '../cases/uploads';
import type { AppConfig, FileStorage } from '../../lib/ports';
import { notifyCitizen, notifyStaff } from '../notifications/notify';
import { handlingRules } from '../settings';

/**
 * The scheduled part of the closed loop, run every minute by each instance:
 *
 * - 自动办结: an answered case whose reopen window passed without a reopen is
 *   closed, with a `system` event on the audit trail (setting autoCloseAnswered,
 *   1 by default; 0 leaves answered cases for staff to close);
 * - 邀请评价: a citizen who has not rated an answered case N days after the answer
 *   (setting ratingInviteDays, default 3) is invited, once (both settings are
 *   admin-editable; their ranges and defaults are in services/settings.ts);
 * - 电子监察: an open case due within one working day gets a 黄牌 notice to its
 *   owner (or the department's staff while unowned), an overdue one a 红牌 to them
 *   and the department's supervisors; each level once per case.
 *
 * Every change is a conditional UPDATE (… WHERE the mark is still empty) inside
 * the transaction that queues the notice, so two instances sweeping at once
 * never close, invite or warn twice. Each run handles at most `batch` cases per
 * job; the rest wait for the next run.
 */

const OPEN = ['submitted', 'transferred', 'accepted', 'in_progress'] as const;
const DAY = 86_400_000;

/** `storage`: where photos live; given, photos never attached to a message are deleted after a day. */
export type SweepDeps = { db: Db; config: AppConfig; now: Date; logger: Logger; batch?: number; storage?: FileStorage };
export type SweepReport = { autoClosed: number; invited: number; dueSoon: number; overdue: number; uploadsPurged: number };

export async function sweep(deps: SweepDeps): Promise<SweepReport> {
  const { db, now } = deps;
  const batch = deps.batch ?? 100;
  const nowIso = now.toISOString();
  const { calendar, reopenWindowDays, autoCloseAnswered, ratingInviteDays } = await handlingRules(db);
  const report: SweepReport = { autoClosed: 0, invited: 0, dueSoon: 0, overdue: 0, uploadsPurged: 0 };
  const notifyDeps = { config: deps.config, now };

  // 自动办结: the window ends at the end of the N-th natural day; answered more than N+1 days ago is a safe coarse filter.
  if (autoCloseAnswered === 1) {
    const candidates = await db
      .select()
      .from(cases)
      .where(and(eq(cases.state, 'answered'), lte(cases.answeredAt, new Date(now.getTime() - reopenWindowDays * DAY).toISOString())))
      .orderBy(asc(cases.answeredAt))
      .limit(batch);
    for (const c of candidates) {
      if (!c.answeredAt || reopenDeadline(c.answeredAt, reopenWindowDays) >= nowIso) continue;
      const closed = await withTransaction(db, async (tx) => {
        const { updated } = await appendCaseEvent(
          tx,
          deps.config,
          {
            caseId: c.id,
            at: nowIso,
            actorType: 'system',
            actorId: null,
            action: 'auto_close',
            fromState: 'answered',
            toState: 'closed',
            visibility: 'public',
            body: `答复后 ${reopenWindowDays} 天内未申请重新办理，系统自动办结`,
            data: { before: { state: 'answered', closedAt: null }, after: { state: 'closed', closedAt: nowIso }, reopenWindowDays },
          },
          {
            set: { state: 'closed', closedAt: nowIso, updatedAt: nowIso },
            where: and(eq(cases.state, 'answered'), eq(cases.updatedAt, c.updatedAt)),
          },
        );
        // Someone acted on it meanwhile: throwing rolls the event back with the unchanged row.
        if (!updated) throw new SweepRaced();
        return true;
      }).catch((err: unknown) => {
        if (err instanceof SweepRaced) return false;
        throw err;
      });
      if (closed) report.autoClosed++;
    }
  }

  // 邀请评价: answered or closed, not rated, not invited, the answer N days old.
  const toInvite = await db
    .select()
    .from(cases)
    .where(
      and(
        inArray(cases.state, ['answered', 'closed']),
        isNull(cases.ratingInvitedAt),
        lte(cases.answeredAt, new Date(now.getTime() - ratingInviteDays * DAY).toISOString()),
        notExists(db.select({ id: ratings.id }).from(ratings).where(eq(ratings.caseId, cases.id))),
      ),
    )
    .orderBy(asc(cases.answeredAt))
    .limit(batch);
  for (const c of toInvite) {
    const invited = await withTransaction(db, async (tx) => {
      const done = await tx
        .update(cases)
        .set({ ratingInvitedAt: nowIso })
        .where(and(eq(cases.id, c.id), isNull(cases.ratingInvitedAt)))
        .returning({ id: cases.id });
      if (done.length === 0) return false;
      await notifyCitizen(tx, notifyDeps, 'rating_invited', c, { at: nowIso, detail: null });
      return true;
    });
    if (invited) report.invited++;
  }

  // 电子监察. Overdue first: a case that is already late gets the 红牌, not a 黄牌 as well.
  const late = await db
    .select()
    .from(cases)
    .where(and(inArray(cases.state, [...OPEN]), isNull(cases.overdueNotifiedAt), lte(cases.dueAt, nowIso)))
    .orderBy(asc(cases.dueAt))
    .limit(batch);
  for (const c of late) {
    if (deadlineStatus({ dueAt: c.dueAt, now: nowIso, state: c.state }, calendar) !== 'overdue') continue;
    const warned = await withTransaction(db, async (tx) => {
      const done = await tx
        .update(cases)
        .set({ overdueNotifiedAt: nowIso, dueSoonNotifiedAt: c.dueSoonNotifiedAt ?? nowIso })
        .where(and(eq(cases.id, c.id), isNull(cases.overdueNotifiedAt)))
        .returning({ id: cases.id });
      if (done.length === 0) return false;
      await notifyStaff(tx, notifyDeps, 'case_overdue', c, { supervisors: true });
      return true;
    });
    if (warned) report.overdue++;
  }
  // Due within one working day: the deadline day is at most the next working day (a long holiday can stretch that).
  const soon = await db
    .select()
    .from(cases)
    .where(
      and(
        inArray(cases.state, [...OPEN]),
        isNull(cases.dueSoonNotifiedAt),
        lte(cases.dueAt, new Date(now.getTime() + 12 * DAY).toISOString()),
      ),
    )
    .orderBy(asc(cases.dueAt))
    .limit(batch);
  for (const c of soon) {
    if (deadlineStatus({ dueAt: c.dueAt, now: nowIso, state: c.state }, calendar) !== 'due_soon') continue;
    const warned = await withTransaction(db, async (tx) => {
      const done = await tx
        .update(cases)
        .set({ dueSoonNotifiedAt: nowIso })
        .where(and(eq(cases.id, c.id), isNull(cases.dueSoonNotifiedAt)))
        .returning({ id: cases.id });
      if (done.length === 0) return false;
      await notifyStaff(tx, notifyDeps, 'case_due_soon', c);
      return true;
    });
    if (warned) report.dueSoon++;
  }
  if (report.autoClosed + report.invited + report.dueSoon + report.overdue > 0) deps.logger.info({ ...report }, 'sweep');
  if (deps.storage) report.uploadsPurged = await purgeUnattachedUploads({ db, storage: deps.storage, now });
  return report;
}

export type Sweeper = { stop(): Promise<void> };

/** Runs `sweep` every `intervalMs` (never overlapping); stop() waits for the run in progress. */
export function startSweeper(opts: Omit<SweepDeps, 'now'> & { intervalMs: number; now?: () => Date }): Sweeper {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> | null = null;
  const tick = () => {
    timer = undefined;
    if (stopped) return;
    current = sweep({ ...opts, now: opts.now ? opts.now() : new Date() })
      .then(() => undefined)
      .catch((err: unknown) => opts.logger.error({ err: err instanceof Error ? err.name : 'error' }, 'sweep failed'))
      .finally(() => {
        current = null;
        if (!stopped) timer = setTimeout(tick, opts.intervalMs);
      });
  };
  timer = setTimeout(tick, 1_000);
  return {
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await current;
    },
  };
}

/** The case changed between the sweep's read and its write: skipped this round. */
class SweepRaced extends Error {}
