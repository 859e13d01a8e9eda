import { afterEach, beforeEach, vi } from 'vitest';
import { fake } from './taro-fake';

/**
 * Setup for every miniapp test file (vitest.config.ts): Taro's runtime and
 * components cannot run under Node, so both are replaced by faithful stand-ins
 * (./taro-fake.ts, ./taro-components.tsx). Tests import `fake` from
 * './taro-fake' to read or arrange storage, the network and recorded calls.
 */
vi.mock('@tarojs/taro', async () => {
  const { taro, hooks } = await import('./taro-fake');
  return { default: taro, ...taro, ...hooks };
});
vi.mock('@tarojs/components', () => import('./taro-components'));

beforeEach(() => {
  fake.reset();
});

afterEach(async () => {
  // Unmount what a DOM test rendered (no vitest globals, so RTL cannot do it by itself).
  if (typeof document !== 'undefined') (await import('@testing-library/react')).cleanup();
});
