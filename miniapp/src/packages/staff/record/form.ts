import { z } from 'zod';
import { CONTENT_MAX, CONTENT_MIN, CaseTarget, ContactPhone, MessageType } from '@zw/shared';
import type { RecordCaseBody, RecordChannel } from '../services/issue11';

/*
 * The 代为登记 form's rules, mirroring POST /api/staff/cases, so staff see every
 * problem at once before anything is sent. Kept apart from the page: plain
 * functions, tested on their own (form.test.ts).
 */

export const channelLabels: Record<RecordChannel, string> = { counter: '窗口', phone: '电话' };

/**
 * The form as the page holds it. `key` is the Idempotency-Key of this draft: made
 * once, sent with every retry (a submission that reached the server while the phone
 * reported a failure is then answered with the first result, not recorded twice),
 * and replaced only when the case is recorded. The draft is never written to
 * storage: it holds a citizen's name and phone, on a staff member's phone.
 */
export type RecordDraft = {
  key: string;
  channel: RecordChannel | null;
  type: MessageType | null;
  target: { type: 'department'; id: number; name: string } | null;
  title: string;
  content: string;
  name: string;
  phone: string;
  consent: boolean;
};

export const FIELD_ORDER = ['channel', 'type', 'target', 'title', 'content', 'name', 'phone', 'consent'] as const;
export type RecordField = (typeof FIELD_ORDER)[number];
export type RecordErrors = Partial<Record<RecordField, string>>;

/** 32 hex characters (the header takes 16–64 of [A-Za-z0-9_-]). */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  const c = typeof crypto !== 'undefined' ? (crypto as Crypto) : undefined;
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
  else {
    // WeChat has no synchronous crypto; the key only has to be unique among this staff member's drafts.
    const t = Date.now();
    for (let i = 0; i < bytes.length; i++) bytes[i] = (Math.floor(Math.random() * 256) ^ (t >>> ((i % 4) * 8))) & 0xff;
  }
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

export function emptyRecordDraft(target: RecordDraft['target'] = null): RecordDraft {
  return { key: newIdempotencyKey(), channel: null, type: null, target, title: '', content: '', name: '', phone: '', consent: false };
}

/** The server's body schema, from the shared parts (one rule for the phone number, the content length, the target). */
const RecordCaseSchema = z.object({
  channel: z.enum(['counter', 'phone'], { error: '请选择登记方式：窗口或电话' }),
  type: MessageType,
  target: CaseTarget,
  title: z.string().trim().max(50, { error: '标题不能超过 50 字' }).optional(),
  content: z
    .string()
    .trim()
    .min(CONTENT_MIN, { error: `内容至少 ${CONTENT_MIN} 个字，请把群众反映的情况记清楚` })
    .max(CONTENT_MAX, { error: `内容不能超过 ${CONTENT_MAX} 字` }),
  citizen: z.object({
    name: z.string().trim().min(1, { error: '请填写群众姓名' }).max(20, { error: '姓名不能超过 20 字' }),
    phone: ContactPhone,
  }),
  consent: z.literal(true, { error: '请先向群众告知个人信息保护说明并取得同意' }),
});

function fieldOf(path: readonly PropertyKey[]): RecordField | null {
  const [a, b] = path.map(String);
  if (a === 'citizen') return b === 'name' ? 'name' : b === 'phone' ? 'phone' : 'name';
  return (FIELD_ORDER as readonly string[]).includes(a ?? '') ? (a as RecordField) : null;
}

export function bodyOf(d: RecordDraft) {
  return {
    channel: d.channel ?? undefined,
    type: d.type ?? undefined,
    target: d.target ? { type: d.target.type, id: d.target.id } : undefined,
    title: d.title.trim() ? d.title : undefined,
    content: d.content,
    citizen: { name: d.name, phone: d.phone.replace(/\s/g, '') },
    consent: d.consent,
  };
}

/** Every problem at once (first message per field), or the body to send. */
export function validateRecord(d: RecordDraft): { ok: true; body: RecordCaseBody } | { ok: false; errors: RecordErrors } {
  const parsed = RecordCaseSchema.safeParse(bodyOf(d));
  if (parsed.success) return { ok: true, body: parsed.data as RecordCaseBody };
  const errors: RecordErrors = {};
  for (const issue of parsed.error.issues) {
    const key = fieldOf(issue.path);
    if (!key || errors[key]) continue;
    if (key === 'type' && !d.type) errors.type = '请选择留言类型';
    else if (key === 'target' && !d.target) errors.target = '请选择承办部门';
    else errors[key] = issue.message;
  }
  return { ok: false, errors };
}

/** A 400 VALIDATION_FAILED's `details.issues` ([{ field: 'citizen.phone', message }]) as the form's field messages. */
export function serverFieldErrors(details: unknown): RecordErrors {
  const issues = (details as { issues?: { field?: unknown; message?: unknown }[] } | undefined)?.issues;
  const errors: RecordErrors = {};
  if (!Array.isArray(issues)) return errors;
  for (const i of issues) {
    if (typeof i.field !== 'string' || typeof i.message !== 'string') continue;
    const key = fieldOf(i.field.replace(/^body\./, '').split('.'));
    if (key && !errors[key]) errors[key] = i.message;
  }
  return errors;
}
