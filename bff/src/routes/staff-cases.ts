import { createRoute } from '@hono/zod-openapi';
import {
  CaseList,
  ChaseBody,
  IdParam,
  InboxCounts,
  InboxQuery,
  MessageType,
  NoteBody,
  ReplyTemplate,
  RevealedContact,
  StaffActionBody,
  StaffCase,
} from '@zw/shared';
import { z } from 'zod';
import { requireStaff, retryAfter } from '../lib/auth';
import { error, json, notFound, readErrors } from '../lib/openapi';
import { createRouter } from '../lib/router';
import { staffCtx } from '../lib/service';
import { addNote, chase, revealContact, staffAction } from '../services/cases/actions';
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
