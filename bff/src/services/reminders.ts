import { CitizenTopic, reminderTopicLabels, StaffTopic, type CaseReminders, type ReminderTemplates, type SubscribeBody } from '@zw/shared';
import { withTransaction } from '../db/tx';
import type { CitizenArgs, StaffArgs, VerbArgs } from '../lib/service';
import { caseForCitizen } from './cases/access';
import { caseReminders, storeCaseSubscriptions, storeStaffSubscriptions } from './notifications/subscriptions';

/** GET /reminders/templates: which templates the mini-program should ask for (configured ones only). */
export function reminderTemplates({ ctx }: VerbArgs): ReminderTemplates {
  const { templates, longTermSubscriptions } = ctx.config.wechat;
  const list = <T extends CitizenTopic | StaffTopic>(topics: readonly T[]) =>
    topics.flatMap((topic) => (templates[topic] ? [{ topic, templateId: templates[topic]!, label: reminderTopicLabels[topic] }] : []));
  return { citizen: list(CitizenTopic.options), staff: list(StaffTopic.options), longTerm: longTermSubscriptions };
}

/** POST /cases/{id}/reminders: 开启提醒 on the citizen's own case. */
export async function subscribeCase({
  ctx,
  input: { id, body },
}: CitizenArgs<{ id: number; body: SubscribeBody }>): Promise<CaseReminders> {
  const c = await withTransaction(ctx.db, async (tx) => {
    const row = await caseForCitizen(tx, id, ctx.actor);
    await storeCaseSubscriptions(tx, ctx.config, row.id, body.results, ctx.now);
    return row;
  });
  return caseReminders(ctx.db, ctx.config, c);
}

/** POST /staff/reminders: a staff member's answers (on binding WeChat, or 开启提醒). */
export async function subscribeStaff({ ctx, input: { body } }: StaffArgs<{ body: SubscribeBody }>): Promise<{ ok: true }> {
  await withTransaction(ctx.db, (tx) => storeStaffSubscriptions(tx, ctx.config, ctx.actor.id, body.results, ctx.now));
  return { ok: true };
}
