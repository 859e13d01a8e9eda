import chineseDays from 'chinese-days';
import { defaultDeadlineRules, DEFAULT_REOPEN_WINDOW_DAYS, type MessageType } from '@zw/shared';
import { calendarDays, deadlineRules, replyTemplates, settings } from '../schema';
import type { Executor } from '../tx';

/** Years whose official arrangement `chinese-days` carries; later years are added by an admin once published. */
export const CALENDAR_YEARS = [2024, 2025, 2026];

/** Statutory holidays on weekdays and 调休 working weekends, as the State Council publishes them. */
export function officialCalendar(years = CALENDAR_YEARS): Array<{ date: string; kind: 'holiday' | 'workday'; name: string }> {
  const out: Array<{ date: string; kind: 'holiday' | 'workday'; name: string }> = [];
  for (const year of years) {
    for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
      const date = d.toISOString().slice(0, 10);
      const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
      const detail = chineseDays.getDayDetail(date);
      // name is "English,中文,n" for holidays and adjusted days, a weekday name otherwise.
      const name = detail.name.split(',')[1] ?? detail.name;
      if (!weekend && !detail.work) out.push({ date, kind: 'holiday', name });
      if (weekend && detail.work) out.push({ date, kind: 'workday', name: `${name}调休上班` });
    }
  }
  return out;
}

export const DEFAULT_FOLLOW_UP_DAYS = 15;

const TEMPLATES: Array<{ type: MessageType; title: string; body: string }> = [
  {
    type: '咨询',
    title: '政策答复',
    body: '您好！您咨询的问题答复如下：\n\n如仍有疑问，可拨打咨询电话或到政务服务中心窗口咨询。感谢您的关注！',
  },
  {
    type: '求助',
    title: '已协调解决',
    body: '您好！收到您的求助后，我单位已安排工作人员联系处理，具体情况如下：\n\n如问题仍未解决，可在 5 日内申请重新办理。',
  },
  {
    type: '投诉',
    title: '调查处理结果',
    body: '您好！针对您反映的问题，我单位已进行调查核实，情况如下：\n\n处理结果：\n\n感谢您的监督，如对处理结果不满意，可在 5 日内申请重新办理。',
  },
  { type: '建议', title: '采纳情况', body: '您好！感谢您提出的宝贵建议。经研究，我单位意见如下：\n\n欢迎继续为我县政务服务工作建言献策。' },
  { type: '举报', title: '核查结果', body: '您好！您举报的问题已受理并依法核查，结果如下：\n\n我们将依法保护举报人信息。' },
  { type: '表扬', title: '致谢', body: '您好！感谢您对我单位工作人员的肯定，我们已将您的表扬转达本人及所在科室，将继续提升服务质量。' },
  {
    type: '依申请公开',
    title: '予以公开',
    body: '您好！您申请公开的政府信息属于公开范围，现予以提供，详见附件或以下内容：\n\n依据《中华人民共和国政府信息公开条例》第三十六条第（二）项作出本答复。',
  },
  {
    type: '依申请公开',
    title: '信息不存在',
    body: '您好！经检索，本机关未制作或获取您申请公开的政府信息。\n\n依据《中华人民共和国政府信息公开条例》第三十六条第（四）项作出本答复。',
  },
];

/** Calendar, time limits, settings and reply templates: insert what is missing, never overwrite an admin's change. */
export async function seedHandlingRules(tx: Executor, now = new Date().toISOString()): Promise<void> {
  const days = officialCalendar();
  for (let i = 0; i < days.length; i += 200) {
    await tx
      .insert(calendarDays)
      .values(days.slice(i, i + 200).map((d) => ({ ...d, source: 'chinese-days' as const, updatedAt: now })))
      .onConflictDoNothing();
  }
  await tx
    .insert(deadlineRules)
    .values(defaultDeadlineRules.map((r) => ({ ...r, updatedAt: now })))
    .onConflictDoNothing();
  await tx
    .insert(settings)
    .values([
      { key: 'reopenWindowDays', value: DEFAULT_REOPEN_WINDOW_DAYS, updatedAt: now },
      { key: 'followUpDays', value: DEFAULT_FOLLOW_UP_DAYS, updatedAt: now },
    ])
    .onConflictDoNothing();
  const existing = await tx.select({ id: replyTemplates.id }).from(replyTemplates).limit(1);
  if (existing.length === 0) await tx.insert(replyTemplates).values(TEMPLATES);
}
