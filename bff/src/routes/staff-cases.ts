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
import { and, asc, eq, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { replyTemplates } from '../db/schema';
import { requireStaff, retryAfter, staffOf } from '../lib/auth';
import type { Staff } from '../lib/context';
import { json, notFound, readErrors } from '../lib/openapi';
import { createRouter } from '../lib/router';
import { caseForStaff } from '../services/cases/access';
import { addNote, chase, revealContact, staffAction } from '../services/cases/actions';
import { inbox, inboxCounts, staffView } from '../services/cases/views';
import type { Context } from 'hono';
import type { AppEnv } from '../lib/context';

const tags = ['工作人员办理'];
const handlers = ['staff', 'supervisor', 'admin'] as const;
const auth = { middleware: [retryAfter, requireStaff(...handlers)], security: [{ bearerAuth: [] }] };
const errors = {
  ...readErrors,
  401: json(z.any(), '未登录'),
  403: json(z.any(), '角色或身份不允许此操作'),
  409: json(z.any(), '当前状态不允许此操作：code 为 TRANSITION_NOT_ALLOWED 等，details.transition 形如 answered→reply'),
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

async function view(c: Context<AppEnv>, staff: Staff, id: number) {
  const row = await caseForStaff(c.var.db, id, staff);
  return staffView(c.var.db, c.var.config, c.var.now(), staff, row);
}

export const staffCasesRouter = createRouter()
  .openapi(list, async (c) => c.json(await inbox(c.var.db, c.var.now(), staffOf(c), c.req.valid('query')), 200))
  .openapi(counts, async (c) => c.json(await inboxCounts(c.var.db, c.var.now(), staffOf(c)), 200))
  .openapi(detail, async (c) => c.json(await view(c, staffOf(c), c.req.valid('param').id), 200))
  .openapi(act, async (c) => {
    const staff = staffOf(c);
    const row = await staffAction(
      c.var.db,
      { config: c.var.config, now: c.var.now() },
      staff,
      c.req.valid('param').id,
      c.req.valid('json'),
    );
    // The row as the action left it, even if this staff member may no longer open it (a transfer).
    return c.json(await staffView(c.var.db, c.var.config, c.var.now(), staff, row), 200);
  })
  .openapi(note, async (c) => {
    const staff = staffOf(c);
    const id = c.req.valid('param').id;
    await addNote(c.var.db, c.var.now(), staff, id, c.req.valid('json').body);
    return c.json(await view(c, staff, id), 200);
  })
  .openapi(chaseRoute, async (c) => {
    const staff = staffOf(c);
    const id = c.req.valid('param').id;
    await chase(c.var.db, c.var.now(), staff, id, c.req.valid('json').body);
    return c.json(await view(c, staff, id), 200);
  })
  .openapi(contact, async (c) => c.json(await revealContact(c.var.db, c.var.config, c.var.now(), staffOf(c), c.req.valid('param').id), 200))
  .openapi(templates, async (c) => {
    const staff = staffOf(c);
    const { type } = c.req.valid('query');
    const rows = await c.var.db
      .select({ id: replyTemplates.id, type: replyTemplates.type, title: replyTemplates.title, body: replyTemplates.body })
      .from(replyTemplates)
      .where(
        and(
          type ? eq(replyTemplates.type, type) : undefined,
          or(isNull(replyTemplates.departmentId), staff.departmentId ? eq(replyTemplates.departmentId, staff.departmentId) : undefined),
        ),
      )
      .orderBy(asc(replyTemplates.id));
    return c.json({ data: rows }, 200);
  });
