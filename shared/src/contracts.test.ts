import { describe, expect, it } from 'vitest';
import { ItemListQuery, PageQuery, QrCode, SearchQuery, ServiceItemInput, qrTargetPath } from './index';

describe('shared contracts', () => {
  it('coerce and default page parameters', () => {
    expect(PageQuery.parse({})).toEqual({ page: 1, pageSize: 20 });
    expect(PageQuery.parse({ page: '3', pageSize: '10' })).toEqual({ page: 3, pageSize: 10 });
    expect(PageQuery.safeParse({ pageSize: '500' }).success).toBe(false);
  });

  it('treat an empty keyword as no filter', () => {
    expect(ItemListQuery.parse({ q: '   ' }).q).toBeUndefined();
    expect(ItemListQuery.parse({ q: ' 社保 ' }).q).toBe('社保');
  });

  it('require a search term', () => {
    expect(SearchQuery.safeParse({ q: ' ' }).success).toBe(false);
    expect(SearchQuery.parse({ q: '户口' }).type).toBe('all');
  });

  it('validate item codes and QR codes', () => {
    const base = ServiceItemInput.shape.code;
    expect(base.safeParse('62052400MZ-XK-0001').success).toBe(true);
    expect(base.safeParse('MZ-XK-1').success).toBe(false);
    expect(QrCode.safeParse('w7k2m9').success).toBe(true);
    expect(QrCode.safeParse('W7K2M9').success).toBe(false);
    expect(QrCode.safeParse('../../etc').success).toBe(false);
  });

  it('name Chinese reasons for a citizen', () => {
    const r = PageQuery.safeParse({ page: '0' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toMatch(/页码/);
  });

  it('map QR targets to page paths', () => {
    expect(qrTargetPath('window', 3)).toBe('/pages/window/index?id=3');
  });
});
