import { z } from 'zod';
import { IdParam, PageQuery, paged } from './common';
import { Department, Hall, ItemType, PolicySummary, PolicyValidity, ServiceItemSummary } from './content';

/** Optional numeric filter from a query string: `?department=3`. */
const OptionalId = IdParam.optional();

/** Free text typed by a citizen. Trimmed; an empty box means "no filter". */
const Keyword = z
  .string()
  .trim()
  .max(50, { error: '搜索词不能超过 50 个字' })
  .optional()
  .transform((v) => (v ? v : undefined));

export const ItemListQuery = PageQuery.extend({
  department: OptionalId,
  type: ItemType.optional(),
  hall: OptionalId,
  window: OptionalId,
  q: Keyword,
});
export type ItemListQuery = z.infer<typeof ItemListQuery>;

export const PolicyListQuery = PageQuery.extend({
  department: OptionalId,
  validity: PolicyValidity.optional(),
  q: Keyword,
});
export type PolicyListQuery = z.infer<typeof PolicyListQuery>;

export const ItemList = paged(ServiceItemSummary);
export type ItemList = z.infer<typeof ItemList>;
export const PolicyList = paged(PolicySummary);
export type PolicyList = z.infer<typeof PolicyList>;
export const DepartmentList = z.object({ data: z.array(Department) });
export const HallList = z.object({ data: z.array(Hall) });

// ---------------------------------------------------------------- search

export const SearchScope = z.enum(['all', 'item', 'policy']);
export type SearchScope = z.infer<typeof SearchScope>;

export const SearchQuery = PageQuery.extend({
  q: z.string({ error: '请输入搜索词' }).trim().min(1, { error: '请输入搜索词' }).max(50, { error: '搜索词不能超过 50 个字' }),
  type: SearchScope.default('all'),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

/**
 * A highlighted snippet as segments rather than HTML, so neither side ever
 * injects markup: render `hit` segments emphasised.
 */
export const Snippet = z.array(z.object({ text: z.string(), hit: z.boolean() }));
export type Snippet = z.infer<typeof Snippet>;

export const SearchHit = z.object({
  type: z.enum(['item', 'policy']),
  id: z.number().int(),
  title: Snippet,
  snippet: Snippet,
  /** Where the hit came from: the title or aliases rank above the body. */
  matchedIn: z.enum(['title', 'body']),
  /** Department for items, issuer for policies. */
  source: z.string(),
  updatedAt: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResult = paged(SearchHit).extend({
  query: z.string(),
  /** True when no result had every word, so results matching some words are shown. */
  relaxed: z.boolean(),
});
export type SearchResult = z.infer<typeof SearchResult>;
