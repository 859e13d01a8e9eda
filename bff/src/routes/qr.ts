import { createRoute } from '@hono/zod-openapi';
import { QrCode, QrResolution } from '@zw/shared';
import { z } from 'zod';
import { createRouter } from '../lib/router';
import { ctxOf } from '../lib/service';
import { json, notFound, readErrors } from '../lib/openapi';
import { resolveQr } from '../services/qr';

const resolve = createRoute({
  method: 'get',
  path: '/qr/{code}',
  tags: ['二维码'],
  summary: '解析大厅、窗口或事项的二维码编号，返回要打开的页面',
  request: {
    params: z.object({
      code: z
        .string()
        .transform((s) => s.trim().toLowerCase())
        .pipe(QrCode),
    }),
  },
  responses: { 200: json(QrResolution, '目标'), ...readErrors, ...notFound },
});

export const qrRouter = createRouter().openapi(resolve, async (c) =>
  c.json(await resolveQr({ ctx: ctxOf(c), input: c.req.valid('param') }), 200),
);
