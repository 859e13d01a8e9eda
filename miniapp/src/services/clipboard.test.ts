import Taro from '@tarojs/taro';
import { describe, expect, it, vi } from 'vitest';
import { fake } from '../../test-setup/taro-fake';
import { COPY_FAILED, copyText } from './clipboard';

const toasts = () => fake.callsOf('showToast') as { title: string }[];

describe('copyText', () => {
  it('copies the text and says what was copied', async () => {
    await expect(copyText('清溪县民生路 1 号', '地址已复制')).resolves.toBe(true);
    expect(fake.callsOf('setClipboardData')).toEqual([{ data: '清溪县民生路 1 号' }]);
    expect(toasts().map((t) => t.title)).toEqual(['地址已复制']);
  });

  it('leaves the platform toast alone when given nothing to say', async () => {
    await expect(copyText('x')).resolves.toBe(true);
    expect(toasts()).toEqual([]);
  });

  it('says how to copy by hand when the copy fails, never the success text', async () => {
    const spy = vi.spyOn(Taro, 'setClipboardData').mockRejectedValueOnce({ errMsg: 'setClipboardData:fail' });
    await expect(copyText('QX-2026-0001', '受理编号已复制')).resolves.toBe(false);
    expect(toasts().map((t) => t.title)).toEqual([COPY_FAILED]);
    expect(COPY_FAILED).toBe('复制没有成功，请长按文字手动复制');
    spy.mockRestore();
  });
});
