import { createRoute } from '@hono/zod-openapi';
import { beijingDate, ImportFormat, ImportKind, ImportResult, StaleQuery, StaleReport } from '@zw/shared';
import { z } from 'zod';
import { ValidationError } from '../../lib/errors';
import { error, json } from '../../lib/openapi';
import { createRouter } from '../../lib/router';
import { ctxOf, staffCtx } from '../../lib/service';
import { exportFile, importFile } from '../../services/editor/import';
import { detectFormat } from '../../services/editor/records';
import { staleReport } from '../../services/editor/stale';
import { editorAuth, editorErrors, writeErrors } from './common';

const tags = ['编辑：导入导出与核对'];

const stale = createRoute({
  method: 'get',
  path: '/editor/reports/stale',
  tags,
  summary: '过期未核对的已发布内容（办事指南和政策文件）：超过核对周期（设置 staleAfterDays，可用 ?days= 临时指定）未核对，或从未核对',
  ...editorAuth,
  request: { query: StaleQuery },
  responses: { 200: json(StaleReport, '从未核对的在前，其余按未核对天数从多到少'), ...editorErrors },
});

const kindParam = z.object({ kind: ImportKind });
const FormatQuery = z.object({ format: ImportFormat.default('json') });

const exportRoute = createRoute({
  method: 'get',
  path: '/editor/export/{kind}',
  tags,
  summary:
    '导出全部办事指南（items，按事项编码）或政策文件（policies，按文号），JSON 或 CSV（UTF-8 带 BOM）；导出的文件原样导入不会产生任何改动',
  ...editorAuth,
  request: { params: kindParam, query: FormatQuery },
  responses: {
    200: {
      description: '文件（Content-Disposition: attachment）',
      content: { 'application/json': { schema: z.array(z.record(z.string(), z.unknown())) }, 'text/csv': { schema: z.string() } },
    },
    ...editorErrors,
  },
});

const ImportQuery = z.object({
  format: ImportFormat.optional(),
  /** Only check the file and report what would happen. */
  dryRun: z
    .enum(['true', 'false', '1', '0'], { error: 'dryRun 只能是 true/false' })
    .optional()
    .transform((v) => v === 'true' || v === '1'),
});

const importRoute = createRoute({
  method: 'post',
  path: '/editor/import/{kind}',
  tags,
  summary:
    '批量导入（按事项编码 / 文号新增或更新）：请求体为文件内容，Content-Type 为 application/json 或 text/csv（或 ?format=）。全部正确才导入；有错时 400，details.issues 列出每一处 { line, field, message }，什么都不改。?dryRun=true 只检查',
  ...editorAuth,
  request: {
    params: kindParam,
    query: ImportQuery,
    body: {
      required: true,
      description: '导出格式的文件：JSON 数组，或首行为字段名的 CSV',
      content: {
        'application/json': { schema: { type: 'array', items: { type: 'object' } } },
        'text/csv': { schema: { type: 'string' } },
      },
    },
  },
  responses: { 200: json(ImportResult, '导入结果（每行：新增、更新或无变化）'), ...writeErrors, 413: error('文件超过 10 MB') },
});

export const editorContentRouter = createRouter()
  .openapi(stale, async (c) => {
    c.header('Cache-Control', 'private, no-store');
    return c.json(await staleReport({ ctx: ctxOf(c), input: c.req.valid('query') }), 200);
  })
  .openapi(exportRoute, async (c) => {
    const ctx = ctxOf(c);
    const { kind } = c.req.valid('param');
    const { format } = c.req.valid('query');
    const text = await exportFile({ ctx, input: { kind, format } });
    const date = beijingDate(ctx.now).replaceAll('-', '');
    return c.body(text, 200, {
      'content-type': format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${kind}-${date}.${format}"`,
      'cache-control': 'private, no-store',
    });
  })
  .openapi(importRoute, async (c) => {
    const { kind } = c.req.valid('param');
    const query = c.req.valid('query');
    const format = detectFormat({ format: query.format, contentType: c.req.header('content-type') });
    if (!format) {
      throw new ValidationError([
        { field: 'header.content-type', message: '请用 Content-Type: application/json 或 text/csv 说明文件格式（或 ?format=json|csv）' },
      ]);
    }
    const text = await c.req.text();
    if (!text.trim()) throw new ValidationError([{ field: 'body', message: '文件是空的' }]);
    const result = await importFile({ ctx: staffCtx(c), input: { kind, text, format, dryRun: query.dryRun } });
    c.var.logger.info(
      {
        requestId: c.var.requestId,
        editorId: c.var.staff?.id,
        import: kind,
        dryRun: result.dryRun,
        created: result.created,
        updated: result.updated,
      },
      'content import',
    );
    return c.json(result, 200);
  });
