import { createRoute } from '@hono/zod-openapi';
import {
  CaseList,
  ChaseBody,
  IdempotencyKey,
  IdParam,
  InboxCounts,
  InboxQuery,
  MessageType,
  NoteBody,
  ReplyTemplate,
  RevealedContact,
  StaffActionBody,
  StaffCase,
  StaffRecordCaseBody,
  SubmitCaseResult,
} from '@zw/shared';
import { z } from 'zod';
import { requireStaff, retryAfter } from '../lib/auth';
import { error, json, notFound, readErrors } from '../lib/openapi';
import { createRouter } from '../lib/router';
import { staffCtx } from '../lib/service';
import { addNote, chase, staffAction } from '../services/cases/actions';
import { revealContact } from '../services/cases/contact';
import { recordCase } from '../services/cases/submit';
import { listReplyTemplates } from '../services/cases/templates';
import { getStaffCase, inbox, inboxCounts } from '../services/cases/views';

const tags = ['工作人员办理'];
const handlers = ['staff', 'supervisor', 'admin'] as const;
const auth = { middleware: [retryAfter, requireStaff(...handlers)], security: [{ bearerAuth: [] }] };
const errors = {
  ...readErrors,
  401: error('未登录'),
  403: error('角色或身份不允许此操作'),
  409: error('当前状态不允许此操作：code 为 TRANSITION_NOT_ALLOWED 等，details.transition 形如 answered→reply'),
};
const idParam = z.object({ id: IdParam });

const list = createRoute({
  method: 'get',
  path: '/staff/cases',
  tags,
  summary: '收件箱：按期限排序（最紧的在前），带临期和超期计数',
  ...auth,
  request: { query: InboxQuery },
  responses: { 200: json(CaseList, '列表'), ...errors },
});

const record = createRoute({
  method: 'post',
  path: '/staff/cases',
  tags,
  summary: '帮办代办：为到窗口或来电的群众登记诉求（须向群众说明个人信息保护事项并取得同意）',
  description:
    '必须带 Idempotency-Key：重试返回首次结果（响应头 Idempotent-Replayed: true）；同一 Key 不同内容返回 422。返回受理编号和查询码，请告知群众。手机号码与群众短信登录的手机号相同时，群众登录后可在“我的诉求”中看到。',
  middleware: [retryAfter, requireStaff('staff', 'supervisor')],
  security: [{ bearerAuth: [] }],
  request: {
    headers: z.object({ 'idempotency-key': IdempotencyKey }),
    body: { content: { 'application/json': { schema: StaffRecordCaseBody } }, required: true },
  },
  responses: {
    201: json(SubmitCaseResult, '已登记，返回受理编号和查询码'),
    ...errors,
    409: error('同一提交正在处理中（IDEMPOTENCY_IN_FLIGHT）'),
    422: error('同一 Idempotency-Key 对应了不同的内容（IDEMPOTENCY_KEY_REUSED）'),
  },
});

const counts = createRoute({
  method: 'get',
  path: '/staff/inbox-counts',
  tags,
  summary: '收件箱各标签的件数：我承办的、本部门的、全部（督办人员），各含未办结、超期、临期',
  ...auth,
  responses: { 200: json(InboxCounts, '件数'), ...errors },
});

const detail = createRoute({
  method: 'get',
  path: '/staff/cases/{id}',
  tags,
  summary: '诉求详情（含内部备注、督办记录；联系方式为掩码）',
  ...auth,
  request: { params: idParam },
  responses: { 200: json(StaffCase, '详情'), ...errors, ...notFound },
});

const act = createRoute({
  method: 'post',
  path: '/staff/cases/{id}/actions',
  tags,
  summary: '受理、开始办理、答复、补正告知、延期、转办、不予受理、办结',
  description:
    '返回操作后的详情。转办后本部门不再能打开这件诉求，但这次回答仍是 200 和转办后的详情（availableActions 为空），以便操作人看到服务器的结果。',
  ...auth,
  request: { params: idParam, body: { content: { 'application/json': { schema: StaffActionBody } }, required: true } },
  responses: { 200: json(StaffCase, '操作后的详情'), ...errors, ...notFound },
});

const note = createRoute({
  method: 'post',
  path: '/staff/cases/{id}/notes',
  tags,
  summary: '内部备注（群众不可见）',
  ...auth,
  request: { params: idParam, body: { content: { 'application/json': { schema: NoteBody } }, required: true } },
  responses: { 200: json(StaffCase, '详情'), ...errors, ...notFound },
});

const chaseRoute = createRoute({
  method: 'post',
  path: '/staff/cases/{id}/chase',
  tags,
  summary: '督办（督办人员）',
  middleware: [retryAfter, requireStaff('supervisor', 'admin')],
  security: [{ bearerAuth: [] }],
  request: { params: idParam, body: { content: { 'application/json': { schema: ChaseBody } }, required: true } },
  responses: { 200: json(StaffCase, '详情'), ...errors, ...notFound },
});

const contact = createRoute({
  method: 'post',
  path: '/staff/cases/{id}/contact',
  tags,
  summary: '查看完整联系方式（仅承办人；每次查看都记入审计）',
  ...auth,
  request: { params: idParam },
  responses: { 200: json(RevealedContact, '联系方式'), ...errors, ...notFound },
});

const templates = createRoute({
  method: 'get',
  path: '/staff/reply-templates',
  tags,
  summary: '答复模板',
  ...auth,
  request: { query: z.object({ type: MessageType.optional() }) },
  responses: { 200: json(z.object({ data: z.array(ReplyTemplate) }), '模板'), ...errors },
});

export const staffCasesRouter = createRouter()
  .openapi(record, async (c) => {
    const input = { body: c.req.valid('json'), idempotencyKey: c.req.valid('header')['idempotency-key'] };
    const result = await recordCase({ ctx: staffCtx(c), input });
    if (result.replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(result.body, 201);
  })
  .openapi(list, async (c) => c.json(await inbox({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(counts, async (c) => c.json(await inboxCounts({ ctx: staffCtx(c) }), 200))
  .openapi(detail, async (c) => c.json(await getStaffCase({ ctx: staffCtx(c), input: c.req.valid('param') }), 200))
  .openapi(act, async (c) =>
    c.json(await staffAction({ ctx: staffCtx(c), input: { ...c.req.valid('param'), body: c.req.valid('json') } }), 200),
  )
  .openapi(note, async (c) => c.json(await addNote({ ctx: staffCtx(c), input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200))
  .openapi(chaseRoute, async (c) =>
    c.json(await chase({ ctx: staffCtx(c), input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(contact, async (c) => c.json(await revealContact({ ctx: staffCtx(c), input: c.req.valid('param') }), 200))
  .openapi(templates, async (c) => c.json(await listReplyTemplates({ ctx: staffCtx(c), input: c.req.valid('query') }), 200));
