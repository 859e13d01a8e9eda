import Taro from '@tarojs/taro';
import { pagePaths } from '@zw/shared/paths';

/** Open a page by its name in shared/src/paths.ts, with query parameters. */
export function go(page: keyof typeof pagePaths, params: Record<string, string | number> = {}) {
  const query = Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
  return Taro.navigateTo({ url: `${pagePaths[page]}${query ? `?${query}` : ''}` });
}

/** Current page's query parameter as a positive integer, or null. */
export function idParam(value: string | undefined): number | null {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : null;
}
