import { createRoute } from '@hono/zod-openapi';
import {
  CitizenActionBody,
  CitizenCase,
  IdempotencyKey,
  IdParam,
  LookupBody,
  MyCaseList,
  MyCasesQuery,
  SubmitCaseBody,
  SubmitCaseResult,
  UploadResult,
} from '@zw/shared';
import { z } from 'zod';
import { requireCitizen, retryAfter } from '../lib/auth';
import { AppError, ValidationError } from '../lib/errors';
import { error, json, notFound, readErrors } from '../lib/openapi';
import { createRouter } from '../lib/router';
import { citizenCtx, ctxOf } from '../lib/service';
import { citizenAction } from '../services/cases/actions';
import { lookupCase } from '../services/cases/lookup';
import { submitCase, submitGuestCase } from '../services/cases/submit';
import { readPhoto, savePhoto } from '../services/cases/uploads';
import { getCitizenCase, myCases } from '../services/cases/views';

const tags = ['群众诉求'];
const auth = { middleware: [retryAfter, requireCitizen], security: [{ bearerAuth: [] }] };
const writeErrors = {
  ...readErrors,
  401: error('未登录或登录已过期'),
  409: error('状态不允许此操作（TRANSITION_NOT_ALLOWED 等，details.transition 指明转换），或同一提交正在处理中（IDEMPOTENCY_IN_FLIGHT）'),
  422: error('同一 Idempotency-Key 对应了不同的内容（IDEMPOTENCY_KEY_REUSED）'),
  429: error('提交过于频繁（带 Retry-After）'),
};

const submit = createRoute({
  method: 'post',
  path: '/cases',
  tags,
  summary: '提交诉求（投诉、建议、咨询、求助、举报、表扬、依申请公开）',
  description: '必须带 Idempotency-Key：重试返回首次结果；同一 Key 不同内容返回 422；仍在处理中返回 409。',
  ...auth,
  request: {
    headers: z.object({ 'idempotency-key': IdempotencyKey }),
    body: { content: { 'application/json': { schema: SubmitCaseBody } }, required: true },
  },
  responses: { 201: json(SubmitCaseResult, '已受理登记，返回受理编号（匿名时另有查询码）'), ...writeErrors },
});

const guest = createRoute({
  method: 'post',
  path: '/cases/guest',
  tags,
  summary: '不登录匿名留言（只能匿名、不能附照片）；凭受理编号和查询码查看进展',
  description:
    '不需要登录。必须带 Idempotency-Key：重试返回首次结果；同一 Key 不同内容返回 422。anonymous 必须为 true，photoIds 必须为空。同一网络地址每小时的新留言数有上限（429，带 Retry-After）。',
  middleware: [retryAfter],
  request: {
    headers: z.object({ 'idempotency-key': IdempotencyKey }),
    body: { content: { 'application/json': { schema: SubmitCaseBody } }, required: true },
  },
  responses: { 201: json(SubmitCaseResult, '已受理登记，返回受理编号和查询码'), ...writeErrors },
});

const mine = createRoute({
  method: 'get',
  path: '/cases/mine',
  tags,
  summary: '我的诉求',
  ...auth,
  request: { query: MyCasesQuery },
  responses: { 200: json(MyCaseList, '列表，新提交的在前'), ...writeErrors },
});

const detail = createRoute({
  method: 'get',
  path: '/cases/{id}',
  tags,
  summary: '我的诉求详情（公开的办理过程）',
  ...auth,
  request: { params: z.object({ id: IdParam }) },
  responses: { 200: json(CitizenCase, '详情'), ...writeErrors, ...notFound },
});

const act = createRoute({
  method: 'post',
  path: '/cases/{id}/actions',
  tags,
  summary: '补正材料，或在期限内申请重新办理',
  ...auth,
  request: { params: z.object({ id: IdParam }), body: { content: { 'application/json': { schema: CitizenActionBody } }, required: true } },
  responses: { 200: json(CitizenCase, '操作后的详情'), ...writeErrors, ...notFound },
});

const lookup = createRoute({
  method: 'post',
  path: '/cases/lookup',
  tags,
  summary: '凭受理编号和查询码查看匿名诉求',
  middleware: [retryAfter],
  request: { body: { content: { 'application/json': { schema: LookupBody } }, required: true } },
  responses: { 200: json(CitizenCase, '详情（只读）'), ...writeErrors, ...notFound },
});

const upload = createRoute({
  method: 'post',
  path: '/uploads',
  tags,
  summary: '上传一张照片（multipart 字段 file）；按内容识别格式并去除 EXIF/GPS',
  ...auth,
  responses: {
    201: json(UploadResult, '照片编号，提交诉求时放入 photoIds'),
    413: error('过大'),
    415: error('格式不支持（UNSUPPORTED_MEDIA_TYPE）'),
    ...writeErrors,
  },
});

const photo = createRoute({
  method: 'get',
  path: '/photos/{id}',
  tags,
  summary: '查看诉求照片（详情接口返回的签名链接，一小时内有效）',
  request: {
    params: z.object({ id: z.string().regex(/^[a-f0-9]{32}$/, { error: '图片编号不正确' }) }),
    query: z.object({ exp: z.coerce.number().int().positive(), sig: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) }),
  },
  responses: { 200: { description: '图片' }, ...readErrors, ...notFound },
});

export const casesRouter = createRouter()
  .openapi(submit, async (c) => {
    const input = { body: c.req.valid('json'), idempotencyKey: c.req.valid('header')['idempotency-key'] };
    const result = await submitCase({ ctx: citizenCtx(c), input });
    if (result.replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(result.body, 201);
  })
  .openapi(guest, async (c) => {
    const input = { body: c.req.valid('json'), idempotencyKey: c.req.valid('header')['idempotency-key'] };
    const result = await submitGuestCase({ ctx: ctxOf(c), input });
    if (result.replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(result.body, 201);
  })
  .openapi(mine, async (c) => c.json(await myCases({ ctx: citizenCtx(c), input: c.req.valid('query') }), 200))
  .openapi(detail, async (c) => c.json(await getCitizenCase({ ctx: citizenCtx(c), input: c.req.valid('param') }), 200))
  .openapi(act, async (c) =>
    c.json(await citizenAction({ ctx: citizenCtx(c), input: { ...c.req.valid('param'), body: c.req.valid('json') } }), 200),
  )
  .openapi(lookup, async (c) => c.json(await lookupCase({ ctx: ctxOf(c), input: c.req.valid('json') }), 200))
  .openapi(upload, async (c) => {
    const form = await c.req.parseBody().catch(() => {
      throw new AppError('MALFORMED_BODY', 400, '请以 multipart/form-data 上传照片');
    });
    const file = form.file;
    if (!(file instanceof File)) throw new ValidationError([{ field: 'body.file', message: '请选择一张照片' }]);
    const result = await savePhoto({ ctx: citizenCtx(c), input: { bytes: new Uint8Array(await file.arrayBuffer()) } });
    return c.json(result, 201);
  })
  .openapi(photo, async (c) => {
    const file = await readPhoto({ ctx: ctxOf(c), input: { ...c.req.valid('param'), ...c.req.valid('query') } });
    return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': file.mime,
      'cache-control': 'private, max-age=3600',
      'x-content-type-options': 'nosniff',
    });
  });
