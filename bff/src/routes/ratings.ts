import { createRoute } from '@hono/zod-openapi';
import {
  AppealBody,
  FollowUpAssignBody,
  FollowUpList,
  FollowUpQuery,
  FollowUpResultBody,
  FollowUpView,
  IdParam,
  RateBody,
  RatingView,
  RevealedContact,
  StaffRatingView,
} from '@zw/shared';
import { z } from 'zod';
import { requireCitizen, requireStaff, retryAfter } from '../lib/auth';
import { error, json, notFound, readErrors } from '../lib/openapi';
import { createRouter } from '../lib/router';
import { citizenCtx, staffCtx } from '../lib/service';
import { revealFollowUpContact } from '../services/cases/contact';
import { appealRating, assignFollowUp, listFollowUps, rateCase, rateWindow, recordFollowUp } from '../services/ratings';

const tags = ['好差评'];
const citizenAuth = { middleware: [retryAfter, requireCitizen], security: [{ bearer: [] }] };
const staffAuth = { middleware: [retryAfter, requireStaff('staff', 'supervisor', 'admin')], security: [{ bearer: [] }] };
const idParam = z.object({ id: IdParam });
const errors = {
  ...readErrors,
  401: error('未登录或登录已过期'),
  403: error('身份或角色不允许此操作'),
};

const rateCaseRoute = createRoute({
  method: 'post',
  path: '/cases/{id}/rating',
  tags,
  summary: '评价已答复或已办结的诉求（一事一评，只能评一次）；差评自动生成回访',
  ...citizenAuth,
  request: { params: idParam, body: { content: { 'application/json': { schema: RateBody } }, required: true } },
  responses: {
    201: json(RatingView, '已评价'),
    ...errors,
    ...notFound,
    409: error('TRANSITION_NOT_ALLOWED（尚未答复，details.transition 形如 in_progress→rate）或 ALREADY_RATED'),
  },
});

const rateWindowRoute = createRoute({
  method: 'post',
  path: '/windows/{id}/ratings',
  tags,
  summary: '评价服务窗口（一次一评：同一窗口每人每天一次）；差评自动生成回访',
  ...citizenAuth,
  request: { params: idParam, body: { content: { 'application/json': { schema: RateBody } }, required: true } },
  responses: { 201: json(RatingView, '已评价'), ...errors, ...notFound, 409: error('ALREADY_RATED：今天已评价过这个窗口') },
});

const listRoute = createRoute({
  method: 'get',
  path: '/staff/follow-ups',
  tags,
  summary: '差评回访：督办人员看全部，工作人员看本部门；未完成的按期限在前',
  ...staffAuth,
  request: { query: FollowUpQuery },
  responses: { 200: json(FollowUpList, '列表'), ...errors },
});

const recordRoute = createRoute({
  method: 'post',
  path: '/staff/follow-ups/{id}',
  tags,
  summary: '记录回访结果（只能记录一次）：联系结果、次数、群众意见、是否整改、给群众看的说明和内部记录',
  description: '记为无法联系（unreachable）须至少联系设定的次数（默认 3 次）。公开说明会显示在群众的诉求上，不能包含手机号或身份证号。',
  ...staffAuth,
  request: { params: idParam, body: { content: { 'application/json': { schema: FollowUpResultBody } }, required: true } },
  responses: { 200: json(FollowUpView, '已记录'), ...errors, ...notFound, 409: error('FOLLOW_UP_DONE：已记录过') },
});

const assignRoute = createRoute({
  method: 'post',
  path: '/staff/follow-ups/{id}/assign',
  tags,
  summary: '指派回访（督办人员）：指派给督办人员或该部门的工作人员',
  middleware: [retryAfter, requireStaff('supervisor', 'admin')],
  security: [{ bearer: [] }],
  request: { params: idParam, body: { content: { 'application/json': { schema: FollowUpAssignBody } }, required: true } },
  responses: { 200: json(FollowUpView, '已指派'), ...errors, ...notFound, 409: error('FOLLOW_UP_DONE：已记录过结果') },
});

const contactRoute = createRoute({
  method: 'post',
  path: '/staff/follow-ups/{id}/contact',
  tags,
  summary: '回访时查看群众的完整联系方式（被指派人、督办人员；未指派时本部门工作人员；每次查看都记入审计）',
  ...staffAuth,
  request: { params: idParam },
  responses: { 200: json(RevealedContact, '联系方式（窗口评价、匿名诉求为 null）'), ...errors, ...notFound },
});

const appealRoute = createRoute({
  method: 'post',
  path: '/staff/ratings/{id}/appeal',
  tags,
  summary: '对不实差评提出申诉（评价所属部门或督办人员；只能申诉一次）',
  ...staffAuth,
  request: { params: idParam, body: { content: { 'application/json': { schema: AppealBody } }, required: true } },
  responses: {
    200: json(StaffRatingView, '已申诉'),
    ...errors,
    ...notFound,
    409: error('ALREADY_APPEALED 或 NOT_APPEALABLE（不是差评）'),
  },
});

export const ratingsRouter = createRouter()
  .openapi(rateCaseRoute, async (c) =>
    c.json(await rateCase({ ctx: citizenCtx(c), input: { ...c.req.valid('param'), body: c.req.valid('json') } }), 201),
  )
  .openapi(rateWindowRoute, async (c) =>
    c.json(await rateWindow({ ctx: citizenCtx(c), input: { ...c.req.valid('param'), body: c.req.valid('json') } }), 201),
  )
  .openapi(listRoute, async (c) => c.json(await listFollowUps({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(recordRoute, async (c) =>
    c.json(await recordFollowUp({ ctx: staffCtx(c), input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(assignRoute, async (c) =>
    c.json(await assignFollowUp({ ctx: staffCtx(c), input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(contactRoute, async (c) => c.json(await revealFollowUpContact({ ctx: staffCtx(c), input: c.req.valid('param') }), 200))
  .openapi(appealRoute, async (c) =>
    c.json(await appealRating({ ctx: staffCtx(c), input: { ...c.req.valid('param'), body: c.req.valid('json') } }), 200),
  );
