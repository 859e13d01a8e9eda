import Taro from '@tarojs/taro';

/** The one failure text of every 复制 button: what went wrong and what to do instead. */
export const COPY_FAILED = '复制没有成功，请长按文字手动复制';

/**
 * Copies text and says plainly what happened. `done` is the toast after a copy
 * ('地址已复制'); without it the platform's own "内容已复制" toast is left alone.
 * Resolves to whether the text is on the clipboard, so a caller can go on
 * (e.g. explain what to do with a copied link) only when it is.
 */
export async function copyText(data: string, done?: string): Promise<boolean> {
  try {
    await Taro.setClipboardData({ data });
  } catch {
    void Taro.showToast({ title: COPY_FAILED, icon: 'none', duration: 2500 });
    return false;
  }
  if (done) void Taro.showToast({ title: done, icon: 'none', duration: 2000 });
  return true;
}
