import { CitizenTopic, StaffTopic, type CaseReminders, type ReminderTopic, type SubscribeResults } from '@zw/shared';
import { and, eq, gt, sql } from 'drizzle-orm';
import { caseSubscriptions, citizens, staffSubscriptions } from '../../db/schema';
import type { Executor } from '../../db/tx';
import type { AppConfig } from '../../lib/ports';
import { smsSenderFromConfig } from '../sms/tencent';
import { deliverableOpenid } from './outbox';

/**
 * What people accepted in requestSubscribeMessage. A one-time consent allows
 * one message: `credits` counts consents not yet used (capped, so a citizen
 * who taps often does not bank a hundred). With long-term subscriptions
 * (政务民生 mini-programs) one accept covers every later message.
 */
export const MAX_CREDITS = 5;

type Config = Pick<AppConfig, 'wechat' | 'sms'>;

/** The topics of `topics` that have a template configured, with it. */
function configured<T extends ReminderTopic>(config: Config, topics: readonly T[]): Array<{ topic: T; templateId: string }> {
  return topics.flatMap((topic) => {
    const templateId = config.wechat.templates[topic];
    return templateId ? [{ topic, templateId }] : [];
  });
}

async function store(
  exec: Executor,
  config: Config,
  results: SubscribeResults,
  now: Date,
  topics: readonly ReminderTopic[],
  upsert: (topic: ReminderTopic, templateId: string, accepted: boolean, answer: string, at: string) => Promise<unknown>,
) {
  const at = now.toISOString();
  // Only this server's templates count; other ids (stale builds, tampering) are ignored.
  for (const { topic, templateId } of configured(config, topics)) {
    const answer = results[templateId];
    if (answer) await upsert(topic, templateId, answer === 'accept', answer, at);
  }
}

/** Records a citizen's answers for a case (on submission, or 开启提醒 on the case page). Run in the caller's transaction. */
export async function storeCaseSubscriptions(exec: Executor, config: Config, caseId: number, results: SubscribeResults, now: Date) {
  await store(exec, config, results, now, CitizenTopic.options, (topic, templateId, accepted, answer, at) =>
    exec
      .insert(caseSubscriptions)
      .values({ caseId, topic, templateId, credits: accepted ? 1 : 0, lastResult: answer, updatedAt: at })
      .onConflictDoUpdate({
        target: [caseSubscriptions.caseId, caseSubscriptions.topic],
        set: {
          templateId,
          credits: accepted ? sql`min(${caseSubscriptions.credits} + 1, ${MAX_CREDITS})` : caseSubscriptions.credits,
          lastResult: answer,
          updatedAt: at,
        },
      }),
  );
}

/** Records a staff member's answers (on binding WeChat, or 开启提醒). */
export async function storeStaffSubscriptions(exec: Executor, config: Config, staffId: number, results: SubscribeResults, now: Date) {
  await store(exec, config, results, now, StaffTopic.options, (topic, templateId, accepted, answer, at) =>
    exec
      .insert(staffSubscriptions)
      .values({ staffId, topic, templateId, credits: accepted ? 1 : 0, lastResult: answer, updatedAt: at })
      .onConflictDoUpdate({
        target: [staffSubscriptions.staffId, staffSubscriptions.topic],
        set: {
          templateId,
          credits: accepted ? sql`min(${staffSubscriptions.credits} + 1, ${MAX_CREDITS})` : staffSubscriptions.credits,
          lastResult: answer,
          updatedAt: at,
        },
      }),
  );
}

type Held = { credits: number; lastResult: string; templateId: string } | undefined;

/** Whether a stored answer lets one more message go out now. */
function holds(config: Config, held: Held, templateId: string): boolean {
  if (!held || held.templateId !== templateId) return false;
  if (config.wechat.longTermSubscriptions) return held.lastResult === 'accept';
  return held.credits > 0;
}

/**
 * Spends one consent for a WeChat message (inside the transaction that queues
 * it): true when there was one. Long-term consents are not used up.
 */
export async function spendCaseConsent(exec: Executor, config: Config, caseId: number, topic: ReminderTopic): Promise<boolean> {
  const templateId = config.wechat.templates[topic];
  if (!templateId) return false;
  const held = await exec
    .select({ credits: caseSubscriptions.credits, lastResult: caseSubscriptions.lastResult, templateId: caseSubscriptions.templateId })
    .from(caseSubscriptions)
    .where(and(eq(caseSubscriptions.caseId, caseId), eq(caseSubscriptions.topic, topic)))
    .get();
  if (!holds(config, held, templateId)) return false;
  if (config.wechat.longTermSubscriptions) return true;
  const spent = await exec
    .update(caseSubscriptions)
    .set({ credits: sql`${caseSubscriptions.credits} - 1` })
    .where(and(eq(caseSubscriptions.caseId, caseId), eq(caseSubscriptions.topic, topic), gt(caseSubscriptions.credits, 0)))
    .returning({ credits: caseSubscriptions.credits });
  return spent.length === 1;
}

export async function spendStaffConsent(exec: Executor, config: Config, staffId: number, topic: ReminderTopic): Promise<boolean> {
  const templateId = config.wechat.templates[topic];
  if (!templateId) return false;
  const held = await exec
    .select({ credits: staffSubscriptions.credits, lastResult: staffSubscriptions.lastResult, templateId: staffSubscriptions.templateId })
    .from(staffSubscriptions)
    .where(and(eq(staffSubscriptions.staffId, staffId), eq(staffSubscriptions.topic, topic)))
    .get();
  if (!holds(config, held, templateId)) return false;
  if (config.wechat.longTermSubscriptions) return true;
  const spent = await exec
    .update(staffSubscriptions)
    .set({ credits: sql`${staffSubscriptions.credits} - 1` })
    .where(and(eq(staffSubscriptions.staffId, staffId), eq(staffSubscriptions.topic, topic), gt(staffSubscriptions.credits, 0)))
    .returning({ credits: staffSubscriptions.credits });
  return spent.length === 1;
}

/** WeChat answered 43101 (refused, or the consent was used up elsewhere): nothing is held any more. */
export async function markCaseConsentExhausted(exec: Executor, caseId: number, topic: ReminderTopic, now: Date) {
  await exec
    .update(caseSubscriptions)
    .set({ credits: 0, lastResult: 'exhausted', updatedAt: now.toISOString() })
    .where(and(eq(caseSubscriptions.caseId, caseId), eq(caseSubscriptions.topic, topic)));
}

export async function markStaffConsentExhausted(exec: Executor, staffId: number, topic: ReminderTopic, now: Date) {
  await exec
    .update(staffSubscriptions)
    .set({ credits: 0, lastResult: 'exhausted', updatedAt: now.toISOString() })
    .where(and(eq(staffSubscriptions.staffId, staffId), eq(staffSubscriptions.topic, topic)));
}

/** Whether SMS notices can go out at all (provider and notice template configured). */
export function smsNoticesOn(config: Config): boolean {
  return smsSenderFromConfig(config.sms) !== null && Boolean(config.sms.templates.notice);
}

/**
 * Where a case's reminders stand for its citizen: the channel the next answer
 * notice would take, and the topics the case page should offer 开启提醒 for
 * (only in WeChat: a browser cannot subscribe).
 */
export async function caseReminders(exec: Executor, config: Config, c: { id: number; citizenId: number }): Promise<CaseReminders> {
  const citizen = await exec
    .select({ openid: citizens.openid, phoneEnc: citizens.phoneEnc, phoneVerifiedAt: citizens.phoneVerifiedAt })
    .from(citizens)
    .where(eq(citizens.id, c.citizenId))
    .get();
  const held = await exec
    .select({
      topic: caseSubscriptions.topic,
      credits: caseSubscriptions.credits,
      lastResult: caseSubscriptions.lastResult,
      templateId: caseSubscriptions.templateId,
    })
    .from(caseSubscriptions)
    .where(eq(caseSubscriptions.caseId, c.id));
  const byTopic = new Map(held.map((h) => [h.topic, h]));
  const wechat = deliverableOpenid(citizen?.openid) !== null;
  const topics = configured(config, CitizenTopic.options);
  const needsConsent = wechat ? topics.filter((t) => !holds(config, byTopic.get(t.topic), t.templateId)).map((t) => t.topic) : [];
  const answered = topics.find((t) => t.topic === 'answered');
  const channel =
    wechat && answered && holds(config, byTopic.get('answered'), answered.templateId)
      ? 'wechat'
      : citizen?.phoneEnc && citizen.phoneVerifiedAt && smsNoticesOn(config)
        ? 'sms'
        : 'none';
  return { channel, needsConsent };
}
