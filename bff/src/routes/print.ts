import { createRoute } from '@hono/zod-openapi';
import { IdParam } from '@zw/shared';
import { z } from 'zod';
import { optionalStaff } from '../lib/auth';
import { error } from '../lib/openapi';
import { createRouter } from '../lib/router';
import { ctxOf } from '../lib/service';
import { printHallWindows, printItem } from '../services/print';

/*
 * Print pages (HTML, A4). Public for published content. With an editor's or
 * admin's bearer token drafts print too, marked 草稿 — the editor page fetches
 * the HTML with its token and prints it (tokens never go in URLs).
 */

const tags = ['打印'];
const htmlPage = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });
const errors = {
  400: error('参数有误'),
  401: error('带了无效的登录凭证'),
  404: error('不存在或未公开（编辑登录后可打印草稿）'),
  500: error('系统错误'),
};
const params = z.object({ id: IdParam });
/** OpenAPI for "a token is optional": no requirement, or the bearer scheme. */
const optionalAuth: Array<Record<string, string[]>> = [{}, { bearerAuth: [] }];

const item = createRoute({
  method: 'get',
  path: '/print/items/{id}',
  tags,
  summary: '办事指南明白纸（A4，一到两页）：七公开、申请材料、办理须知，二维码链接网上办事指南',
  middleware: [optionalStaff],
  security: optionalAuth,
  request: { params },
  responses: { 200: htmlPage('可打印的 HTML'), ...errors },
});

const hallWindows = createRoute({
  method: 'get',
  path: '/print/halls/{id}/windows',
  tags,
  summary: '大厅窗口二维码打印页（A4，每页六张，可裁切张贴）',
  middleware: [optionalStaff],
  security: optionalAuth,
  request: { params },
  responses: { 200: htmlPage('可打印的 HTML'), ...errors },
});

/** Public pages revalidate like the API (content changes show at once); an editor's view is never stored. */
const cacheControl = (drafts: boolean) => (drafts ? 'private, no-store' : 'no-cache');

export const printRouter = createRouter()
  .openapi(item, async (c) => {
    const { html, drafts } = await printItem({ ctx: ctxOf(c), input: c.req.valid('param') });
    c.header('Cache-Control', cacheControl(drafts));
    return c.html(html, 200);
  })
  .openapi(hallWindows, async (c) => {
    const { html, drafts } = await printHallWindows({ ctx: ctxOf(c), input: c.req.valid('param') });
    c.header('Cache-Control', cacheControl(drafts));
    return c.html(html, 200);
  });
