import { createRoute } from '@hono/zod-openapi';
import { IdParam, QrInfo, QrTargetType } from '@zw/shared';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../lib/context';
import { error, json } from '../../lib/openapi';
import { createRouter } from '../../lib/router';
import { ctxOf } from '../../lib/service';
import { qrInfo, qrPng, qrSvg, qrWxacode, type QrImage } from '../../services/editor/qr';
import { editorAuth, editorErrors, writeErrors } from './common';

const tags = ['编辑：二维码'];
const params = z.object({ type: QrTargetType, id: IdParam });
const image = (mime: string, description: string) => ({ description, content: { [mime]: { schema: z.string().describe('binary') } } });
const errors = { ...editorErrors, 404: writeErrors[404] };

const info = createRoute({
  method: 'get',
  path: '/editor/qr/{type}/{id}',
  tags,
  summary: '大厅（hall）、窗口（window）或事项（item）的二维码信息：编号、编码的网址、小程序码 scene',
  ...editorAuth,
  request: { params },
  responses: { 200: json(QrInfo, '二维码信息'), ...errors },
});

const SizeQuery = z.object({
  /** Pixels of the PNG's side (print at 300 dpi: 3 cm ≈ 354 px). */
  size: z.coerce
    .number({ error: 'size 必须是数字' })
    .int({ error: 'size 必须是整数' })
    .min(128, { error: 'size 至少 128' })
    .max(2048, { error: 'size 最大 2048' })
    .default(512),
});

const png = createRoute({
  method: 'get',
  path: '/editor/qr/{type}/{id}/png',
  tags,
  summary: '二维码 PNG（编码 PUBLIC_BASE_URL 下打开对应页面的网址）',
  ...editorAuth,
  request: { params, query: SizeQuery },
  responses: { 200: image('image/png', 'PNG 图片'), ...errors },
});

const svg = createRoute({
  method: 'get',
  path: '/editor/qr/{type}/{id}/svg',
  tags,
  summary: '二维码 SVG（矢量，适合印刷）',
  ...editorAuth,
  request: { params },
  responses: { 200: image('image/svg+xml', 'SVG 图片'), ...errors },
});

const WxacodeQuery = z.object({
  width: z.coerce
    .number({ error: 'width 必须是数字' })
    .int({ error: 'width 必须是整数' })
    .min(280, { error: 'width 至少 280' })
    .max(1280, { error: 'width 最大 1280' })
    .default(430),
});

const wxacode = createRoute({
  method: 'get',
  path: '/editor/qr/{type}/{id}/wxacode',
  tags,
  summary: '小程序码（微信 getwxacodeunlimit，scene 为二维码编号，打开 pages/qr/index）；需配置 WX_APPID / WX_SECRET',
  ...editorAuth,
  request: { params, query: WxacodeQuery },
  responses: {
    200: image('image/jpeg', '微信返回的图片'),
    ...errors,
    429: error('微信调用频率限制（45009）'),
    502: error('微信拒绝：code 为 WECHAT_ERROR，details.wechat 为 { errcode, errmsg }'),
    503: error('未配置微信凭证（details.reason = not_configured）或微信暂时无法访问'),
  },
});

const imageHeaders = (mime: string, filename: string) => ({
  'content-type': mime,
  'cache-control': 'private, no-cache',
  'content-disposition': `inline; filename="${filename}"`,
  'x-content-type-options': 'nosniff',
});

const send = (c: Context<AppEnv>, { bytes, mime, filename }: QrImage) =>
  c.body(bytes as Uint8Array<ArrayBuffer> | string, 200, imageHeaders(mime, filename));

export const editorQrRouter = createRouter()
  .openapi(info, async (c) => c.json(await qrInfo({ ctx: ctxOf(c), input: c.req.valid('param') }), 200))
  .openapi(png, async (c) => send(c, await qrPng({ ctx: ctxOf(c), input: { ...c.req.valid('param'), size: c.req.valid('query').size } })))
  .openapi(svg, async (c) => send(c, await qrSvg({ ctx: ctxOf(c), input: c.req.valid('param') })))
  .openapi(wxacode, async (c) =>
    send(c, await qrWxacode({ ctx: ctxOf(c), input: { ...c.req.valid('param'), width: c.req.valid('query').width } })),
  );
