import Taro from '@tarojs/taro';
import type { SubscribeResults } from '@zw/shared';

const ANSWERS = new Set(['accept', 'reject', 'ban', 'filter']);

/**
 * Asks WeChat for the citizen's consent to the given templates (at most three).
 * Call it synchronously inside a tap handler, before anything is awaited:
 * WeChat refuses the request outside a user gesture. Resolves to the answers
 * for the ids asked (errMsg and anything else dropped), or undefined when
 * nothing was asked (browser, no template) or WeChat failed (e.g. the
 * citizen turned subscriptions off): a refusal never stops the submission.
 */
export function askSubscriptions(templateIds: readonly string[]): Promise<SubscribeResults | undefined> {
  const ids = templateIds.slice(0, 3);
  if (process.env.TARO_ENV !== 'weapp' || ids.length === 0) return Promise.resolve(undefined);
  return Taro.requestSubscribeMessage({ tmplIds: ids, entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option)
    .then((res) => {
      const r = res as unknown as Record<string, unknown>;
      const out: SubscribeResults = {};
      for (const id of ids) if (typeof r[id] === 'string' && ANSWERS.has(r[id] as string)) out[id] = r[id] as SubscribeResults[string];
      return Object.keys(out).length ? out : undefined;
    })
    .catch(() => undefined);
}
