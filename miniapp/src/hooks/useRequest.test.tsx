// @vitest-environment jsdom
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useRequest } from './useRequest';

/** A promise the test settles by hand, to put answers in any order. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('useRequest', () => {
  it('is loading until the answer comes, then done with the data; loads once', async () => {
    const answer = deferred<{ n: number }>();
    const load = vi.fn(() => answer.promise);
    const { result, rerender } = renderHook(() => useRequest(load));
    expect(result.current.status).toBe('loading');
    expect(result.current.data).toBeUndefined();
    rerender();
    await act(async () => answer.resolve({ n: 7 }));
    expect(result.current).toMatchObject({ status: 'done', data: { n: 7 } });
    expect(result.current.error).toBeUndefined();
    rerender();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('turns a failure into its plain message', async () => {
    const { result } = renderHook(() => useRequest(() => Promise.reject(new Error('网络连接失败，请检查网络后重试'))));
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error).toBe('网络连接失败，请检查网络后重试');
    expect(result.current.data).toBeUndefined();
  });

  it('says something a citizen can read when the failure has no message', async () => {
    for (const failure of [new Error(''), 'boom', undefined]) {
      const { result, unmount } = renderHook(() => useRequest(() => Promise.reject(failure)));
      await waitFor(() => expect(result.current.status).toBe('error'));
      expect(result.current.error).toBe('加载失败，请稍后再试');
      unmount();
    }
  });

  it('reload goes back to loading and tries again', async () => {
    const answers = [deferred<string>(), deferred<string>()];
    let calls = 0;
    const { result } = renderHook(() => useRequest(() => answers[calls++]!.promise));
    await act(async () => answers[0]!.reject(new Error('系统繁忙，请稍后再试')));
    expect(result.current).toMatchObject({ status: 'error', error: '系统繁忙，请稍后再试' });

    act(() => void result.current.reload());
    expect(result.current.status).toBe('loading');
    expect(result.current.error).toBeUndefined();
    await act(async () => answers[1]!.resolve('第二次'));
    expect(result.current).toMatchObject({ status: 'done', data: '第二次' });
    expect(calls).toBe(2);
  });

  it('loads again when deps change, and ignores the answer for the old deps', async () => {
    const pending = new Map<string, ReturnType<typeof deferred<string>>>();
    const load = (q: string) => {
      const d = deferred<string>();
      pending.set(q, d);
      return d.promise;
    };
    const { result, rerender } = renderHook(({ q }) => useRequest(() => load(q), [q]), { initialProps: { q: '社保' } });
    rerender({ q: '医保' });
    expect(result.current.status).toBe('loading');
    await act(async () => pending.get('医保')!.resolve('医保的结果'));
    expect(result.current.data).toBe('医保的结果');
    // The slow answer to the first query arrives last: it must not replace the newer one.
    await act(async () => pending.get('社保')!.resolve('社保的结果'));
    expect(result.current).toMatchObject({ status: 'done', data: '医保的结果' });
  });

  it('ignores a late failure of a superseded load', async () => {
    const answers = [deferred<string>(), deferred<string>()];
    let calls = 0;
    const { result } = renderHook(() => useRequest(() => answers[calls++]!.promise));
    act(() => void result.current.reload()); // e.g. 重试 tapped while the first load hangs
    await act(async () => answers[1]!.resolve('新的'));
    await act(async () => answers[0]!.reject(new Error('旧请求超时')));
    expect(result.current).toMatchObject({ status: 'done', data: '新的' });
  });

  it('a quiet reload (pull-to-refresh) keeps the page until the new answer, and says it worked', async () => {
    const answers = [deferred<string>(), deferred<string>()];
    let calls = 0;
    const { result } = renderHook(() => useRequest(() => answers[calls++]!.promise));
    await act(async () => answers[0]!.resolve('旧的'));

    let ok: Promise<boolean> | undefined;
    act(() => {
      ok = result.current.reload({ quiet: true });
    });
    expect(result.current).toMatchObject({ status: 'done', data: '旧的' });
    await act(async () => answers[1]!.resolve('新的'));
    expect(result.current).toMatchObject({ status: 'done', data: '新的' });
    expect(await ok).toBe(true);
  });

  it('a quiet reload that fails leaves the page as it was and says so', async () => {
    const answers = [deferred<string>(), deferred<string>()];
    let calls = 0;
    const { result } = renderHook(() => useRequest(() => answers[calls++]!.promise));
    await act(async () => answers[0]!.resolve('旧的'));

    let ok: Promise<boolean> | undefined;
    act(() => {
      ok = result.current.reload({ quiet: true });
    });
    await act(async () => answers[1]!.reject(new Error('网络连接失败，请检查网络后重试')));
    expect(result.current).toMatchObject({ status: 'done', data: '旧的' });
    expect(result.current.error).toBeUndefined();
    expect(await ok).toBe(false);
  });

  it('a plain reload resolves false on failure too', async () => {
    let fail = false;
    const { result } = renderHook(() => useRequest(() => (fail ? Promise.reject(new Error('系统繁忙，请稍后再试')) : Promise.resolve(1))));
    await waitFor(() => expect(result.current.status).toBe('done'));
    fail = true;
    let ok: boolean | undefined;
    await act(async () => {
      ok = await result.current.reload();
    });
    expect(ok).toBe(false);
    expect(result.current).toMatchObject({ status: 'error', error: '系统繁忙，请稍后再试' });
  });
});
