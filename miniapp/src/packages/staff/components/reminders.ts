import type { SubscribeAnswer } from '@zw/shared';

const ANSWERS: readonly string[] = ['accept', 'reject', 'ban', 'filter'] satisfies SubscribeAnswer[];

/**
 * requestSubscribeMessage's answer as POST /api/staff/reminders takes it: the asked
 * templates only, with one of the four answers (errMsg and anything else, such as
 * Alipay's or a newer client's extra values, are dropped).
 */
export function subscribeResultsOf(answer: unknown, asked: readonly string[]): Record<string, SubscribeAnswer> {
  const out: Record<string, SubscribeAnswer> = {};
  if (!answer || typeof answer !== 'object') return out;
  for (const id of asked) {
    const v = (answer as Record<string, unknown>)[id];
    if (typeof v === 'string' && ANSWERS.includes(v)) out[id] = v as SubscribeAnswer;
  }
  return out;
}
