import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';

/**
 * Answers the service worker served from its cache because the network failed or
 * was too slow (it marks them with `x-zw-offline-at`, the time the copy was fetched;
 * see scripts/service-worker/sw.js). The page showing such an answer says so:
 * 离线内容，更新于 …. Only the page that asked is marked, not the pages under it.
 */
export const OFFLINE_HEADER = 'x-zw-offline-at';

type Listener = (route: string, at: string) => void;
const listeners = new Set<Listener>();
/**
 * Per page (route with its query): the oldest offline copy shown since the last fresh answer. Kept, not
 * only announced, because a page may render its <Page> anew once its data has arrived (loading → record).
 */
const offlineSince = new Map<string, string>();

const currentRoute = () => Taro.getCurrentInstance().router?.path ?? '';

/** Called by the request layer for every answer: `at` when it carries the header, else null (a fresh answer). */
export function noteAnswer(at: string | null) {
  const route = currentRoute();
  if (at === null) {
    offlineSince.delete(route);
    return;
  }
  const prev = offlineSince.get(route);
  if (prev === undefined || at < prev) offlineSince.set(route, at);
  for (const listener of listeners) listener(route, at);
}

/** The oldest fetch time among this page's answers that came from the offline copy, or null. */
export function useOfflineSince(): string | null {
  const [since, setSince] = useState<string | null>(() => offlineSince.get(currentRoute()) ?? null);
  useEffect(() => {
    const mine = currentRoute();
    const listener: Listener = (route, at) => {
      if (route !== mine) return;
      setSince((prev) => (prev !== null && prev < at ? prev : at));
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return since;
}
