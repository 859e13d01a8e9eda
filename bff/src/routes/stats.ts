import { createRoute } from '@hono/zod-openapi';
import { PublicStats, StaffStats, StatsQuery } from '@zw/shared';
import { requireStaff, retryAfter } from '../lib/auth';
import { error, json, notFound, readErrors } from '../lib/openapi';
import { createRouter } from '../lib/router';
import { ctxOf, staffCtx } from '../lib/service';
import { publicStats, staffStats } from '../services/stats';

const tags = ['统计'];

const publicRoute = createRoute({
  method: 'get',
  path: '/stats',
  tags,
  summary: '公开统计：各部门办结率、按时办结率、反馈及时率、满意率、回访率（只有汇总数字）',
  description: '区间为北京时间日期（含首尾），按受理时间统计；缺省为本月 1 日至今天。比率在分母为 0 时为 null。',
  request: { query: StatsQuery },
  responses: { 200: json(PublicStats, '统计'), ...readErrors, ...notFound },
});

const staffRoute = createRoute({
  method: 'get',
  path: '/staff/stats',
  tags,
  summary: '工作人员统计：本部门（督办人员、管理员可看全部或指定部门），含分类型和逐日数据',
  middleware: [retryAfter, requireStaff('staff', 'supervisor', 'admin')],
  security: [{ bearer: [] }],
  request: { query: StatsQuery },
  responses: {
    200: json(StaffStats, '统计'),
    ...readErrors,
    ...notFound,
    401: error('未登录'),
    403: error('只能查看本部门的统计'),
  },
});

export const statsRouter = createRouter()
  .openapi(publicRoute, async (c) => c.json(await publicStats({ ctx: ctxOf(c), input: c.req.valid('query') }), 200))
  .openapi(staffRoute, async (c) => c.json(await staffStats({ ctx: staffCtx(c), input: c.req.valid('query') }), 200));
