import { pagePaths } from '@zw/shared/paths';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeFromParams, idFromParams, isCode, normalizeCode, pageFromParams, parseQuery, parseScan } from './parse';

const SITE = 'https://zw.example.gov.cn';
const once = encodeURIComponent;
const twice = (s: string) => encodeURIComponent(encodeURIComponent(s));

describe('printed codes', () => {
  it('are read the way people type them: any case, spaces, hyphens, full-width spaces', () => {
    expect(normalizeCode(' W7K2 M9 ')).toBe('w7k2m9');
    expect(normalizeCode('w7k2-m9')).toBe('w7k2m9');
    expect(normalizeCode('w7k2\u3000m9')).toBe('w7k2m9');
    expect(normalizeCode('')).toBe('');
  });

  it('are 4 to 16 lowercase letters and digits', () => {
    for (const ok of ['ab12', 'w7k2m9', 'a'.repeat(16), '0000']) expect(isCode(ok)).toBe(true);
    for (const bad of ['', 'ab1', 'a'.repeat(17), 'W7K2M9', 'w7k2 m9', 'w7k2_m9', '社保卡号', 'ab12\n']) expect(isCode(bad)).toBe(false);
  });
});

describe('parseQuery', () => {
  it('decodes keys and values, + as a space, and keeps the first of a repeated key', () => {
    expect(parseQuery('?a=1&b=%E7%A4%BE%E4%BF%9D+%E5%8D%A1&a=2&flag&=x&')).toEqual({ a: '1', b: '社保 卡', flag: '' });
  });

  it('keeps malformed escapes as they are instead of throwing', () => {
    expect(parseQuery('code=%E7%A4&x=%')).toEqual({ code: '%E7%A4', x: '%' });
  });
});

describe('parseScan (what Taro.scanCode returned)', () => {
  it('a bare printed code', () => {
    expect(parseScan('W7K2M9')).toEqual({ kind: 'code', code: 'w7k2m9' });
    expect(parseScan('  w7k2-m9\n')).toEqual({ kind: 'code', code: 'w7k2m9' });
  });

  it('a printed URL with ?code=, with or without a hash router', () => {
    expect(parseScan(`${SITE}/pages/qr/index?code=W7K2M9`)).toEqual({ kind: 'code', code: 'w7k2m9' });
    expect(parseScan(`${SITE}/#/pages/qr/index?code=w7k2m9`)).toEqual({ kind: 'code', code: 'w7k2m9' });
    expect(parseScan(`${SITE}/index.html?from=poster#/pages/qr/index?code=w7k2m9`)).toEqual({ kind: 'code', code: 'w7k2m9' });
  });

  it('a link straight to one of our pages, with a valid id', () => {
    expect(parseScan(`${SITE}/pages/window/index?id=3`)).toEqual({ kind: 'page', url: '/pages/window/index?id=3' });
    expect(parseScan(`${SITE}/#/pages/hall/index?id=2&utm=x`)).toEqual({ kind: 'page', url: '/pages/hall/index?id=2' });
    expect(parseScan('pages/guide/index?id=7')).toEqual({ kind: 'page', url: '/pages/guide/index?id=7' });
    expect(parseScan(`${SITE}/packages/policy/policy/index?id=4#top`)).toEqual({ kind: 'page', url: '/packages/policy/policy/index?id=4' });
    expect(parseScan(`${SITE}/pages/index/index/`)).toEqual({ kind: 'page', url: '/pages/index/index' });
  });

  it('a page link with a bad id, or the QR page without a code, is not a target', () => {
    for (const id of ['0', '-1', '1.5', 'abc', '']) expect(parseScan(`${SITE}/pages/window/index?id=${id}`)).toBeNull();
    expect(parseScan(`${SITE}/pages/qr/index`)).toBeNull();
    expect(parseScan(`${SITE}/pages/qr/index?code=ab`)).toBeNull();
  });

  it('a mini-program code of this app: the scanned path carries the scene', () => {
    expect(parseScan(undefined, 'pages/qr/index?scene=w7k2m9')).toEqual({ kind: 'code', code: 'w7k2m9' });
    expect(parseScan('', `pages/qr/index?scene=${once('code=w7k2m9')}`)).toEqual({ kind: 'code', code: 'w7k2m9' });
    expect(parseScan('', `pages/qr/index?scene=${once('c=W7K2M9')}`)).toEqual({ kind: 'code', code: 'w7k2m9' });
    expect(parseScan('whatever', 'pages/window/index?id=5')).toEqual({ kind: 'page', url: '/pages/window/index?id=5' });
  });

  it('falls back to the content when the path says nothing useful', () => {
    expect(parseScan('w7k2m9', 'pages/qr/index?scene=%21%21')).toEqual({ kind: 'code', code: 'w7k2m9' });
  });

  it('anything else is not ours', () => {
    for (const junk of [
      undefined,
      '',
      '   ',
      'ab',
      '你好，世界',
      'https://example.com/',
      'https://example.com/pages/admin/index?id=1',
      'http://zw.example.gov.cn/pages/unknown/index?id=1',
      'javascript:alert(1)',
      'WIFI:S:hall;T:WPA;P:secret;;',
      'weixin://dl/business/?t=abc',
      '%E0%A4%A',
    ]) {
      expect(parseScan(junk)).toBeNull();
    }
  });

  it('never throws, and whatever it returns is a valid code or one of our pages', () => {
    // Inputs built from the pieces the parser cares about, mixed with random text.
    const piece = fc.oneof(
      fc.constantFrom(SITE, 'http://', '/pages/window/index', 'pages/qr/index', '/packages/policy/policy/index', '/pages/qr/index'),
      fc.constantFrom('#', '#/', '?', '&', '=', 'code=', 'scene=', 'c=', 'id=', '%', '%3D', '%25', '%E7%A4', '+', ' ', '\u3000', '-'),
      fc.string({ unit: 'binary', maxLength: 8 }),
    );
    const scanned = fc.array(piece, { maxLength: 10 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.option(scanned, { nil: undefined }), fc.option(scanned, { nil: undefined }), (result, path) => {
        const t = parseScan(result, path);
        if (t?.kind === 'code') expect(isCode(t.code)).toBe(true);
        if (t?.kind === 'page') {
          const [page, query] = t.url.split('?');
          expect(Object.values(pagePaths)).toContain(page);
          expect(page).not.toBe(pagePaths.qr);
          if (query !== undefined) expect(query).toMatch(/^id=[1-9]\d*$/);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('codeFromParams (the code the QR page was opened with)', () => {
  it('?code= from a printed URL (H5)', () => {
    expect(codeFromParams({ code: 'W7K2M9' })).toBe('w7k2m9');
    expect(codeFromParams({ code: once('w7k2 m9') })).toBe('w7k2m9');
  });

  it('?scene= from a mini-program code, bare or as a small query, encoded or not', () => {
    expect(codeFromParams({ scene: 'w7k2m9' })).toBe('w7k2m9');
    expect(codeFromParams({ scene: once('code=w7k2m9') })).toBe('w7k2m9');
    expect(codeFromParams({ scene: 'c=w7k2m9' })).toBe('w7k2m9');
  });

  it('?q= from a 普通链接二维码: the whole scanned URL, encoded once or twice', () => {
    const url = `${SITE}/pages/qr/index?code=W7K2M9`;
    expect(codeFromParams({ q: once(url) })).toBe('w7k2m9');
    expect(codeFromParams({ q: twice(url) })).toBe('w7k2m9');
    expect(codeFromParams({ q: url })).toBe('w7k2m9');
    expect(codeFromParams({ q: once(`${SITE}/#/pages/qr/index?code=w7k2m9`) })).toBe('w7k2m9');
  });

  it('?q= pointing at a page is not a code', () => {
    expect(codeFromParams({ q: once(`${SITE}/pages/window/index?id=3`) })).toBeNull();
  });

  it('nothing to go on: null', () => {
    expect(codeFromParams({})).toBeNull();
    expect(codeFromParams({ q: once('https://example.com/') })).toBeNull();
    expect(codeFromParams({ q: 'garbage' })).toBeNull();
  });

  it('a malformed code is handed on as typed, for the page to call it a bad format', () => {
    const code = codeFromParams({ code: 'w7!' });
    expect(code).toBe('w7!');
    expect(isCode(code!)).toBe(false);
  });
});

describe('pageFromParams (a 普通链接二维码 rule pointing straight at a page)', () => {
  it('opens the page of the scanned URL', () => {
    expect(pageFromParams({ q: once(`${SITE}/pages/hall/index?id=2`) })).toBe('/pages/hall/index?id=2');
    expect(pageFromParams({ q: twice(`${SITE}/#/pages/window/index?id=3`) })).toBe('/pages/window/index?id=3');
  });

  it('not when the QR page was opened with a code, nor for a code URL or a foreign one', () => {
    const page = once(`${SITE}/pages/hall/index?id=2`);
    expect(pageFromParams({ q: page, code: 'w7k2m9' })).toBeNull();
    expect(pageFromParams({ q: page, scene: 'w7k2m9' })).toBeNull();
    expect(pageFromParams({ q: once(`${SITE}/pages/qr/index?code=w7k2m9`) })).toBeNull();
    expect(pageFromParams({ q: once('https://example.com/elsewhere?id=2') })).toBeNull();
    expect(pageFromParams({})).toBeNull();
  });
});

describe('idFromParams', () => {
  it('?id= as given', () => {
    expect(idFromParams({ id: '3' })).toBe('3');
    expect(idFromParams({ id: '3', q: once(`${SITE}/pages/window/index?id=9`) })).toBe('3');
  });

  it('the id inside a scanned URL passed as ?q=', () => {
    expect(idFromParams({ q: once(`${SITE}/pages/window/index?id=9`) })).toBe('9');
    expect(idFromParams({ q: twice(`${SITE}/pages/window/index?from=x&id=9#top`) })).toBe('9');
  });

  it('nothing when there is no id', () => {
    expect(idFromParams({})).toBeUndefined();
    expect(idFromParams({ q: once(`${SITE}/pages/window/index`) })).toBeUndefined();
  });
});
