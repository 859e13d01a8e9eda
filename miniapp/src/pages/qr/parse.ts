import { pagePaths } from '@zw/shared/paths';

/**
 * What a scanned or typed QR code points at. Runs in WeChat too, where there is
 * no `URL` global, so URLs are taken apart by hand.
 */
export type QrTarget = { kind: 'code'; code: string } | { kind: 'page'; url: string };

/** Printed codes: lowercase letters and digits, 4 to 16 of them (shared QrCode). */
const CODE = /^[a-z0-9]{4,16}$/;

/** A typed code as the server expects it: no spaces, lowercase. */
export function normalizeCode(input: string): string {
  return input.replace(/[\s\u3000-]+/g, '').toLowerCase();
}

export function isCode(input: string): boolean {
  return CODE.test(input);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** `a=1&b=2` → { a: '1', b: '2' } (decoded). */
export function parseQuery(query: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of query.replace(/^[?#]/, '').split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : safeDecode(part.slice(eq + 1).replace(/\+/g, ' '));
    if (key && !(key in out)) out[key] = value;
  }
  return out;
}

/**
 * A mini-program code's `scene` (at most 32 characters): either the bare code
 * (`w7k2m9`) or a small query (`code=w7k2m9`).
 */
function codeFromScene(scene: string): string | null {
  const s = safeDecode(scene).trim();
  if (s.includes('=')) {
    const p = parseQuery(s);
    const c = normalizeCode(p.code ?? p.c ?? '');
    return isCode(c) ? c : null;
  }
  const c = normalizeCode(s);
  return isCode(c) ? c : null;
}

const knownPages: string[] = Object.values(pagePaths);

/** A URL or mini-program path (`https://…/pages/qr/index?code=…`, `pages/window/index?id=3`, `…/#/pages/…`). */
function targetFromLink(link: string): QrTarget | null {
  const hashAt = link.indexOf('#');
  // Hash-router links carry the page and query after '#'.
  const main = hashAt >= 0 && link.slice(hashAt + 1).startsWith('/') ? link.slice(hashAt + 1) : hashAt >= 0 ? link.slice(0, hashAt) : link;
  const qAt = main.indexOf('?');
  const path = qAt >= 0 ? main.slice(0, qAt) : main;
  const query = parseQuery(qAt >= 0 ? main.slice(qAt + 1) : '');

  const code = normalizeCode(query.code ?? '');
  if (isCode(code)) return { kind: 'code', code };
  if (query.scene) {
    const fromScene = codeFromScene(query.scene);
    if (fromScene) return { kind: 'code', code: fromScene };
  }
  const cleanPath = path.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/\/+$/, '');
  const page = knownPages.find((p) => cleanPath === p || cleanPath === p.slice(1) || cleanPath.endsWith(p));
  if (!page || page === pagePaths.qr) return null;
  const id = Number(query.id);
  if (query.id !== undefined) return Number.isInteger(id) && id > 0 ? { kind: 'page', url: `${page}?id=${id}` } : null;
  return { kind: 'page', url: page };
}

/**
 * What Taro.scanCode returned: `result` is the QR content; `path` is set when a
 * mini-program code of this app was scanned.
 */
export function parseScan(result: string | undefined, path?: string): QrTarget | null {
  if (path) {
    const t = targetFromLink(path);
    if (t) return t;
  }
  const text = (result ?? '').trim();
  if (!text) return null;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.includes('/pages/') || text.startsWith('pages/') || text.includes('/packages/')) {
    return targetFromLink(text);
  }
  const code = normalizeCode(text);
  return isCode(code) ? { kind: 'code', code } : null;
}

/**
 * The code the page was opened with: `?code=` (printed URL, H5), `?scene=`
 * (mini-program code) or `?q=` (a plain-URL QR code opening the mini-program,
 * which passes the whole scanned URL, encoded).
 */
export function codeFromParams(params: Partial<Record<string, string>>): string | null {
  if (params.code) return normalizeCode(safeDecode(params.code));
  if (params.scene) return codeFromScene(params.scene) ?? normalizeCode(safeDecode(params.scene));
  if (params.q) {
    let url = safeDecode(params.q);
    if (/^https?%3A/i.test(url)) url = safeDecode(url);
    const t = targetFromLink(url);
    if (t?.kind === 'code') return t.code;
  }
  return null;
}

/** A page opened straight from `?q=` when the scanned URL was a page link rather than a code. */
export function pageFromParams(params: Partial<Record<string, string>>): string | null {
  if (!params.q || params.code || params.scene) return null;
  let url = safeDecode(params.q);
  if (/^https?%3A/i.test(url)) url = safeDecode(url);
  const t = targetFromLink(url);
  return t?.kind === 'page' ? t.url : null;
}

/**
 * The `id` a page was opened with: `?id=`, or, when WeChat opened the page from a
 * plain-URL QR code rule pointing straight at it, the `id` inside the scanned URL (`?q=`).
 */
export function idFromParams(params: Partial<Record<string, string>>): string | undefined {
  if (params.id) return params.id;
  if (!params.q) return undefined;
  let url = safeDecode(params.q);
  if (/^https?%3A/i.test(url)) url = safeDecode(url);
  const qAt = url.indexOf('?');
  return qAt >= 0 ? parseQuery(url.slice(qAt + 1).split('#')[0] ?? '').id : undefined;
}
