// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fake } from '../../test-setup/taro-fake';
import { isElderly, useElderly } from './useElderly';

const EVENT = 'zw:elderly-changed';

describe('useElderly', () => {
  it('is off on a fresh install', () => {
    const { result } = renderHook(() => useElderly());
    expect(result.current[0]).toBe(false);
    expect(isElderly()).toBe(false);
  });

  it('is remembered across restarts', () => {
    const first = renderHook(() => useElderly());
    act(() => first.result.current[1](true));
    first.unmount();
    // A new app start: only storage survives.
    const again = renderHook(() => useElderly());
    expect(again.result.current[0]).toBe(true);
    expect(isElderly()).toBe(true);
    act(() => again.result.current[1](false));
    expect(renderHook(() => useElderly()).result.current[0]).toBe(false);
  });

  it('is shared by every mounted page at once', () => {
    const home = renderHook(() => useElderly());
    const guide = renderHook(() => useElderly());
    act(() => home.result.current[1](true));
    expect(home.result.current[0]).toBe(true);
    expect(guide.result.current[0]).toBe(true);
    act(() => guide.result.current[1](false));
    expect(home.result.current[0]).toBe(false);
    expect(guide.result.current[0]).toBe(false);
  });

  it('stops listening when a page closes', () => {
    const a = renderHook(() => useElderly());
    const b = renderHook(() => useElderly());
    expect(fake.eventCenter.count(EVENT)).toBe(2);
    a.unmount();
    expect(fake.eventCenter.count(EVENT)).toBe(1);
    act(() => b.result.current[1](true));
    expect(b.result.current[0]).toBe(true);
    b.unmount();
    expect(fake.eventCenter.count(EVENT)).toBe(0);
  });
});
