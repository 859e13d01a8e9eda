import { describe, expect, expectTypeOf, it } from 'vitest';
import type { CitizenCase, ContentVersion, EditorInterpretation, EditorItem, ServiceItem } from '@zw/shared';
import { createClient, taroFetch, type Ok } from './client';
import { Headers as HeadersShim } from './headers';
import { API_BASE } from './config';

/**
 * The typed client's promise: the BFF's routes are the client's types. `pnpm
 * typecheck` compiles this file (tsc -p miniapp/tsconfig.json), so each
 * `@ts-expect-error` below is a check: if a wrong path, parameter, query key,
 * header or body field ever compiled (or a route were renamed so that the right
 * one no longer does), tsc fails on the line. The calls are never made.
 */
const api = createClient(taroFetch).api;

/** What a call resolves to once `ok()` has thrown the failures. */
type Answer<F extends (...args: never[]) => Promise<unknown>> = Ok<Awaited<ReturnType<F>>>;

function neverCalled() {
  // The right calls compile…
  void api.items[':id'].$get({ param: { id: 1 } });
  void api.items.$get({ query: { department: 2, pageSize: 10 } });
  void api.cases.$post({ json: {} as never, header: { 'idempotency-key': 'k' } });

  // …a path the BFF does not have does not,
  // @ts-expect-error '/api/item/:id' is not a route (it is /api/items/:id)
  void api.item[':id'].$get({ param: { id: 1 } });
  // @ts-expect-error nor is /api/staff/inbox (it is /api/staff/cases)
  void api.staff.inbox.$get({ query: { scope: 'mine' } });
  // a method it does not answer,
  // @ts-expect-error GET /api/cases/lookup does not exist (it is a POST)
  void api.cases.lookup.$get();
  // a path parameter by another name,
  // @ts-expect-error the parameter is `id`
  void api.items[':id'].$get({ param: { itemId: 1 } });
  // a query parameter by another name,
  // @ts-expect-error the inbox has `trackingNo`, not `tracking`
  void api.staff.cases.$get({ query: { scope: 'mine', tracking: 'X' } });
  // a submission without its idempotency key,
  // @ts-expect-error the header is required
  void api.cases.$post({ json: {} as never });
  // or a body field the route does not take.
  // @ts-expect-error LookupBody has trackingNo and queryCode
  void api.cases.lookup.$post({ json: { trackingNumber: 'X', queryCode: '123456' } });

  // The editing verbs the BFF adds with addVersionVerbs / addReviewVerb are in AppType too:
  void api.editor.items[':id'].publish.$post({ param: { id: 1 }, json: { baseVersion: 3 } });
  void api.editor.interpretations[':id'].review.$post({ param: { id: 1 }, json: { baseVersion: 3 } });
  void api.editor.windows[':id'].unpublish.$post({ param: { id: 1 }, json: {} });
  void api.editor.policies[':id'].versions[':version'].$get({ param: { id: 1, version: 2 } });
  // @ts-expect-error halls and windows are not reviewed (no addReviewVerb for them)
  void api.editor.halls[':id'].review.$post({ param: { id: 1 }, json: {} });
  // @ts-expect-error publishing is a POST
  void api.editor.items[':id'].publish.$get({ param: { id: 1 } });
  // @ts-expect-error the version an edit is based on is `baseVersion`
  void api.editor.items[':id'].unpublish.$post({ param: { id: 1 }, json: { version: 3 } });
}

describe('the typed client', () => {
  it('types each answer by its route (checked by tsc)', () => {
    expect(typeof neverCalled).toBe('function');
    expectTypeOf<Answer<(typeof api.items)[':id']['$get']>>().toEqualTypeOf<ServiceItem>();
    expectTypeOf<Answer<typeof api.cases.lookup.$post>>().toHaveProperty('trackingNo').toEqualTypeOf<CitizenCase['trackingNo']>();
    expectTypeOf<Answer<(typeof api.editor.items)[':id']['publish']['$post']>>().toEqualTypeOf<EditorItem>();
    expectTypeOf<Answer<(typeof api.editor.interpretations)[':id']['review']['$post']>>().toEqualTypeOf<EditorInterpretation>();
    expectTypeOf<Answer<(typeof api.editor.items)[':id']['versions']['$get']>>().toEqualTypeOf<{
      current: number;
      data: ContentVersion[];
    }>();
  });

  it('builds the query string from the defined, non-empty values, encoded', async () => {
    const urls: string[] = [];
    const recording = createClient(async (url) => {
      urls.push(url.slice(API_BASE.length));
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    }).api;
    await recording.search.$get({ query: { q: '社保 卡', type: undefined, page: 2 } });
    await recording.items.$get({ query: { q: '' } });
    await recording.qr[':code'].$get({ param: { code: 'abc' } });
    expect(urls).toEqual([`/api/search?q=${encodeURIComponent('社保 卡')}&page=2`, '/api/items', '/api/qr/abc']);
  });
});

describe('the Headers stand-in for WeChat', () => {
  it('keeps names case-insensitively and hands them out in lower case', () => {
    const h = new HeadersShim({ 'Content-Type': 'application/json' });
    h.set('Authorization', 'Bearer x');
    h.append('X-A', '1');
    h.append('x-a', '2');
    expect(h.get('content-type')).toBe('application/json');
    expect(h.has('AUTHORIZATION')).toBe(true);
    const seen: Record<string, string> = {};
    h.forEach((value, name) => {
      seen[name] = value;
    });
    expect(seen).toEqual({ 'content-type': 'application/json', authorization: 'Bearer x', 'x-a': '1, 2' });
    expect(new HeadersShim(h).get('authorization')).toBe('Bearer x');
    h.delete('X-A');
    expect(h.get('x-a')).toBeNull();
  });
});
