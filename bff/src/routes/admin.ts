import { createRoute } from '@hono/zod-openapi';
import { DateOnly, DeadlineRule, MessageType } from '@zw/shared';
import { z } from 'zod';
import { requireStaff, retryAfter } from '../lib/auth';
import { error, json, notFound, readErrors } from '../lib/openapi';
import { createRouter } from '../lib/router';
import { staffCtx } from '../lib/service';
import {
  deleteCalendarDay,
  getAdminSettings,
  listCalendar,
  listDeadlineRules,
  putCalendarDay,
  putDeadlineRule,
  putSetting,
} from '../services/admin';
import { adminSettingKeys, adminSettings, type AdminSettingKey } from '../services/settings';

/*
 * Admin upkeep: the working calendar (it changes every year), time limits per
 * message type, and the closed-loop settings (reopen, auto-close, rating invite, 回访). Admin role only.
 * Changes apply to deadlines computed from now on; existing cases keep their dueAt.
 */

const tags = ['系统管理'];
const auth = { middleware: [retryAfter, requireStaff('admin')], security: [{ bearer: [] }] };
const errors = { ...readErrors, 401: error('未登录'), 403: error('仅限系统管理员') };

// ---------------------------------------------------------------- contracts

export const CalendarQuery = z.object({
  year: z.coerce
    .number({ error: '年份必须是数字' })
    .int({ error: '年份必须是整数' })
    .min(2000, { error: '年份不正确' })
    .max(2100, { error: '年份不正确' })
    .optional(),
});
export const CalendarDayView = z.object({
  date: z.string(),
  kind: z.enum(['holiday', 'workday']),
  name: z.string(),
  /** chinese-days: the State Council's published arrangement; admin: set here. */
  source: z.enum(['chinese-days', 'admin']),
  updatedAt: z.string(),
});
export const CalendarList = z.object({ year: z.number().int(), data: z.array(CalendarDayView) });
export const CalendarDayBody = z.object({
  /** holiday: a day off (even on a weekday); workday: a 调休 working day (even on a weekend). */
  kind: z.enum(['holiday', 'workday'], { error: '类型应为 holiday（放假）或 workday（调休上班）' }),
  name: z.string({ error: '请填写名称，如 春节' }).trim().min(1, { error: '请填写名称，如 春节' }).max(30, { error: '名称不能超过 30 字' }),
});
const dateParam = z.object({ date: DateOnly });

export const DeadlineRuleView = DeadlineRule.extend({ updatedAt: z.string().nullable() });
export const DeadlineRuleBody = z.object({
  days: DeadlineRule.shape.days.min(1, { error: '期限至少 1 天' }),
  unit: DeadlineRule.shape.unit,
});

export const SettingKey = z.enum(adminSettingKeys, { error: '不支持的设置项' });
/** Every setting is a whole number; the description carries its meaning, range and default. */
const settingField = (key: AdminSettingKey) => {
  const { label, min, max, fallback } = adminSettings[key];
  return z.number().int().min(min).max(max).describe(`${label}；${min}–${max}，默认 ${fallback}`);
};
export const SettingsView = z.object({
  reopenWindowDays: settingField('reopenWindowDays'),
  followUpDays: settingField('followUpDays'),
  staleAfterDays: settingField('staleAfterDays'),
  autoCloseAnswered: settingField('autoCloseAnswered'),
  ratingInviteDays: settingField('ratingInviteDays'),
  followUpMinTries: settingField('followUpMinTries'),
  reopenDeadline: settingField('reopenDeadline'),
}) satisfies z.ZodType<Record<AdminSettingKey, number>>;
export const SettingBody = z.object({ value: z.number({ error: '请填写数值' }).int({ error: '必须是整数' }) });

// ---------------------------------------------------------------- routes

const calendarList = createRoute({
  method: 'get',
  path: '/admin/calendar',
  tags,
  summary: '某年的节假日与调休上班日（缺省为今年）',
  ...auth,
  request: { query: CalendarQuery },
  responses: { 200: json(CalendarList, '按日期排序'), ...errors },
});

const calendarPut = createRoute({
  method: 'put',
  path: '/admin/calendar/{date}',
  tags,
  summary: '设置某天为放假或调休上班（覆盖原有设置）；只影响此后计算的办理期限',
  ...auth,
  request: { params: dateParam, body: { content: { 'application/json': { schema: CalendarDayBody } }, required: true } },
  responses: { 200: json(CalendarDayView, '已保存'), ...errors },
});

const calendarDelete = createRoute({
  method: 'delete',
  path: '/admin/calendar/{date}',
  tags,
  summary: '删除某天的设置（恢复为周一至周五上班的默认规则）',
  ...auth,
  request: { params: dateParam },
  responses: { 204: { description: '已删除' }, ...errors, ...notFound },
});

const rulesList = createRoute({
  method: 'get',
  path: '/admin/deadline-rules',
  tags,
  summary: '各类诉求的办理期限',
  ...auth,
  responses: { 200: json(z.object({ data: z.array(DeadlineRuleView) }), '每种类型一条'), ...errors },
});

const rulePut = createRoute({
  method: 'put',
  path: '/admin/deadline-rules/{type}',
  tags,
  summary: '修改某类诉求的办理期限；已受理的诉求保持原期限',
  ...auth,
  request: {
    params: z.object({ type: MessageType }),
    body: { content: { 'application/json': { schema: DeadlineRuleBody } }, required: true },
  },
  responses: { 200: json(DeadlineRuleView, '已保存'), ...errors },
});

const settingsGet = createRoute({
  method: 'get',
  path: '/admin/settings',
  tags,
  summary: '系统设置：重新办理、自动办结、邀请评价、差评回访、内容核对周期',
  ...auth,
  responses: { 200: json(SettingsView, '当前设置'), ...errors },
});

const settingPut = createRoute({
  method: 'put',
  path: '/admin/settings/{key}',
  tags,
  summary: '修改一项设置（只影响此后的计算，已受理诉求的期限不变）',
  description: adminSettingKeys
    .map((key) => {
      const { label, min, max, fallback } = adminSettings[key];
      return `${key}：${label}，${min}–${max}，默认 ${fallback}`;
    })
    .join('\n'),
  ...auth,
  request: { params: z.object({ key: SettingKey }), body: { content: { 'application/json': { schema: SettingBody } }, required: true } },
  responses: { 200: json(SettingsView, '修改后的设置'), ...errors },
});

export const adminRouter = createRouter()
  .openapi(calendarList, async (c) => c.json(await listCalendar({ ctx: staffCtx(c), input: c.req.valid('query') }), 200))
  .openapi(calendarPut, async (c) =>
    c.json(await putCalendarDay({ ctx: staffCtx(c), input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(calendarDelete, async (c) => {
    await deleteCalendarDay({ ctx: staffCtx(c), input: c.req.valid('param') });
    return c.body(null, 204);
  })
  .openapi(rulesList, async (c) => c.json(await listDeadlineRules({ ctx: staffCtx(c) }), 200))
  .openapi(rulePut, async (c) =>
    c.json(await putDeadlineRule({ ctx: staffCtx(c), input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(settingsGet, async (c) => c.json(await getAdminSettings({ ctx: staffCtx(c) }), 200))
  .openapi(settingPut, async (c) =>
    c.json(await putSetting({ ctx: staffCtx(c), input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  );
