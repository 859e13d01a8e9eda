import { createRoute } from '@hono/zod-openapi';
import { SearchQuery, SearchResult } from '@zw/shared';
import { createRouter } from '../lib/router';
import { json, readErrors } from '../lib/openapi';
import { ctxOf } from '../lib/service';
import { searchContent } from '../services/search';

const search = createRoute({
  method: 'get',
  path: '/search',
  tags: ['搜索'],
  summary: '搜索办事指南和政策（支持两字词、别名、全拼和拼音首字母）',
  request: { query: SearchQuery },
  responses: { 200: json(SearchResult, '结果：标题命中在前，片段以 hit 标出命中词'), ...readErrors },
});

export const searchRouter = createRouter().openapi(search, async (c) =>
  c.json(await searchContent({ ctx: ctxOf(c), input: c.req.valid('query') }), 200),
);
