import Taro from '@tarojs/taro';
import { copyText } from '../../../services/clipboard';
import { apiUrl } from '../../../services/config';
import { editorApi } from '../services/editor-api';
import { errorText } from '../text';

/**
 * Opens a print page (明白纸, window-code sheet). In a browser: a new tab,
 * written from the HTML fetched with the editor's token (so drafts print too,
 * and the token never goes into a URL). In WeChat nothing can print: the link
 * is copied, to open on a computer (published content prints without signing in).
 */
export async function openPrint(path: string): Promise<void> {
  if (process.env.TARO_ENV !== 'h5') {
    if (!(await copyText(apiUrl(path)))) return;
    void Taro.showModal({
      title: '链接已复制',
      content: '手机上无法直接打印。请把链接发到电脑上，用浏览器打开后打印（A4 纸）。草稿要在电脑上登录编辑页后打印。',
      showCancel: false,
      confirmText: '知道了',
    });
    return;
  }
  // Opened before the request, inside the tap: browsers block windows opened later.
  const tab = window.open('', '_blank');
  try {
    const html = await editorApi.printHtml(path);
    if (!tab) throw new Error('浏览器拦截了新窗口，请允许本站弹出窗口后重试');
    // Links and images in the page are relative to the API, not to the blank tab.
    tab.document.open();
    tab.document.write(html.replace(/<head>/i, `<head><base href="${apiUrl('/')}">`));
    tab.document.close();
  } catch (err) {
    tab?.close();
    void Taro.showToast({ title: errorText(err, '打印页没有打开'), icon: 'none' });
  }
}
