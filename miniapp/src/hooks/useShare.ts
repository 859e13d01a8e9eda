import { useShareAppMessage, useShareTimeline } from '@tarojs/taro';

/** What 转发 sends: a title the family group reads, and the page it opens (a path of shared/src/paths.ts). */
export type ShareCard = { title: string; path: string };

export const SITE = '清溪县政务服务';

/** `事项名｜清溪县政务服务`, or the site's name alone while the record is still loading. */
export const shareTitle = (name?: string | null) => (name ? `${name}｜${SITE}` : SITE);

/**
 * Lets WeChat forward the page (转发 in the ··· menu and Button openType="share"),
 * and, with `timeline`, share it to 朋友圈. The page's config must say
 * `enableShareAppMessage: true` (and `enableShareTimeline: true`). The card is
 * computed when the citizen taps, so it names what is on screen by then.
 *
 * 朋友圈 opens the same page with the query only (WeChat's rule), so `path`'s query is what it gets.
 * Pages about a citizen's own case share a public page instead: a link never carries a case.
 */
export function useShare(card: () => ShareCard, { timeline = false }: { timeline?: boolean } = {}) {
  useShareAppMessage(() => card());
  useShareTimeline(() => {
    if (!timeline) return {};
    const { title, path } = card();
    return { title, query: path.split('?')[1] ?? '' };
  });
}
