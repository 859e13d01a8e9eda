import { pagePaths } from '@zw/shared/paths';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fake } from '../../test-setup/taro-fake';
import { parseQuery } from '../pages/qr/parse';
import { go, idParam } from './nav';

const lastUrl = () => (fake.callsOf('navigateTo').at(-1) as { url: string }).url;

describe('go', () => {
  it('opens a page by its shared name', async () => {
    await go('home');
    expect(lastUrl()).toBe('/pages/index/index');
    await go('caseDetail', { id: 12 });
    expect(lastUrl()).toBe('/packages/cases/detail/index?id=12');
    await go('window', { id: 3, from: 'qr' });
    expect(lastUrl()).toBe('/pages/window/index?id=3&from=qr');
  });

  it('every page name leads to its path', async () => {
    for (const [name, path] of Object.entries(pagePaths)) {
      await go(name as keyof typeof pagePaths);
      expect(lastUrl()).toBe(path);
    }
  });

  it('encodes parameters so that any text arrives intact', async () => {
    await go('search', { q: '社保 卡&type=policy#?' });
    expect(lastUrl()).not.toContain(' ');
    expect(parseQuery(lastUrl().split('?')[1]!)).toEqual({ q: '社保 卡&type=policy#?' });
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), async (q, other) => {
        await go('search', { q, other });
        expect(parseQuery(lastUrl().slice(lastUrl().indexOf('?') + 1))).toEqual({ q, other });
      }),
    );
  });
});

describe('idParam', () => {
  it('accepts a positive whole number', () => {
    expect(idParam('1')).toBe(1);
    expect(idParam('42')).toBe(42);
  });

  it('refuses anything else', () => {
    for (const bad of [undefined, '', '0', '-3', '1.5', 'abc', '3abc', 'NaN', 'Infinity']) expect(idParam(bad)).toBeNull();
  });
});
