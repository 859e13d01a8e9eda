import Taro from '@tarojs/taro';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { askSubscriptions } from './subscribe';

/** The consent request on the 提交 tap: what is asked, what is passed on, and that a refusal never stops a submission. */
const subscribe = vi.fn();
(Taro as unknown as Record<string, unknown>).requestSubscribeMessage = subscribe;
afterEach(() => {
  subscribe.mockReset();
  process.env.TARO_ENV = 'h5';
});

describe('askSubscriptions', () => {
  it('in WeChat asks at once (synchronously, inside the tap) for at most three templates and keeps only their answers', async () => {
    process.env.TARO_ENV = 'weapp';
    subscribe.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', A: 'accept', B: 'reject', C: 'ban', X: 'accept' });
    const pending = askSubscriptions(['A', 'B', 'C', 'D']);
    // Called before the promise settles: nothing awaited in between.
    expect(subscribe).toHaveBeenCalledTimes(1);
    expect(subscribe.mock.calls[0]![0]).toMatchObject({ tmplIds: ['A', 'B', 'C'] });
    expect(await pending).toEqual({ A: 'accept', B: 'reject', C: 'ban' });
  });

  it('a failure (subscriptions switched off, 20004) resolves to nothing, so the message is still sent', async () => {
    process.env.TARO_ENV = 'weapp';
    subscribe.mockRejectedValue({ errMsg: 'requestSubscribeMessage:fail', errCode: 20004 });
    expect(await askSubscriptions(['A'])).toBeUndefined();
  });

  it('asks nothing in the browser or without templates', async () => {
    expect(await askSubscriptions(['A'])).toBeUndefined();
    process.env.TARO_ENV = 'weapp';
    expect(await askSubscriptions([])).toBeUndefined();
    expect(subscribe).not.toHaveBeenCalled();
  });
});
