import { copyText } from './clipboard';

/**
 * 分享 in the browser build: the phone's own share sheet where the browser has one
 * (navigator.share), else the link is copied, with a toast saying so. A cancelled
 * share sheet is not a failure. (In WeChat, Button openType="share" is used instead.)
 */
export async function shareLink(title: string, url: string = window.location.href): Promise<'shared' | 'copied' | 'failed'> {
  if (typeof navigator !== 'undefined' && typeof navigator.share === 'function') {
    try {
      await navigator.share({ title, url });
      return 'shared';
    } catch (err) {
      if ((err as { name?: string } | null)?.name === 'AbortError') return 'shared';
      // NotAllowedError (no user gesture) and the like: fall back to copying.
    }
  }
  return (await copyText(url, '链接已复制，可以粘贴发给亲友')) ? 'copied' : 'failed';
}
