import type { FollowUpList, FollowUpQuery, FollowUpView, MessageType, ReminderTemplates, SubscribeAnswer } from '@zw/shared';
import { ApiError, fromBody } from '../../../services/client';
import { apiUrl } from '../../../services/config';
import { staffFetch } from '../../../services/staff-client';

/*
 * The staff routes of issue 11 (帮办代办, assignable 回访, staff reminders). They are
 * built in parallel in the BFF, so `AppType` does not have them yet: this file calls
 * them through the same fetch adapter as the typed client (staffFetch: the staff
 * token, Taro.request, a 401 back to the login page), with the contracts written out
 * here. Once the routes land, each function below becomes one `staffClient.api…`
 * call and these types are inferred instead.
 */

// ---------------------------------------------------------------- contracts

export type RecordChannel = 'counter' | 'phone';

/** POST /api/staff/cases: a message recorded by staff for a citizen at the window or on the phone. */
export type RecordCaseBody = {
  channel: RecordChannel;
  type: MessageType;
  target: { type: 'department' | 'item' | 'window'; id: number };
  title?: string;
  content: string;
  citizen: { name: string; phone: string };
  consent: true;
};

export type RecordCaseResult = {
  id: number;
  trackingNo: string;
  queryCode: string | null;
  state: string;
  receivedAt: string;
  dueAt: string;
};

export type FollowUpOutcome = 'reached' | 'unreachable';

/** FollowUpView as the BFF answers it after issue 11: who does the 回访, and what came of it. */
export type FollowUp = FollowUpView & {
  assignee: { id: number; name: string } | null;
  outcome: FollowUpOutcome | null;
  attempts: number;
  citizenView: string | null;
  rectified: boolean | null;
  publicNote: string | null;
};

export type FollowUpPage = Omit<FollowUpList, 'data'> & { data: FollowUp[] };

/** POST /api/staff/follow-ups/{id}: the structured result. */
export type FollowUpOutcomeBody = {
  outcome: FollowUpOutcome;
  attempts: number;
  citizenView: string;
  rectified: boolean;
  /** Shown to the citizen on their case. */
  publicNote?: string;
  /** Internal: staff and supervisors only. */
  result: string;
};

/** POST /api/staff/follow-ups/{id}/contact: the full contact, audited on the server. Never stored on the phone. */
export type FollowUpContact = { name: string | null; phone: string | null };

export type StaffReminderResults = Record<string, SubscribeAnswer>;

// ---------------------------------------------------------------- transport

type Send = {
  method: 'GET' | 'POST';
  path: string;
  json?: unknown;
  query?: Record<string, string | number | undefined>;
  header?: Record<string, string>;
};

function withQuery(path: string, query: Send['query']): string {
  const qs = Object.entries(query ?? {})
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
  return qs ? `${path}?${qs}` : path;
}

/** One call: the body of a 2xx answer, anything else thrown as the ApiError the typed client would throw. */
async function send<T>({ method, path, json, query, header }: Send): Promise<T> {
  const headers: Record<string, string> = { ...header };
  if (json !== undefined) headers['content-type'] = 'application/json';
  const res = await staffFetch(apiUrl(withQuery(path, query)), {
    method,
    headers,
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  let data: unknown;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (!res.ok) throw fromBody(data, res.status);
  return data as T;
}

// ---------------------------------------------------------------- calls

export const issue11Api = {
  /** The same key on every retry of one draft: a second arrival returns the first result, not a second case. */
  recordCase: (body: RecordCaseBody, idempotencyKey: string) =>
    send<RecordCaseResult>({ method: 'POST', path: '/api/staff/cases', json: body, header: { 'idempotency-key': idempotencyKey } }),

  followUps: (query: Partial<FollowUpQuery>) =>
    send<FollowUpPage>({ method: 'GET', path: '/api/staff/follow-ups', query: query as Record<string, string | number | undefined> }),
  assignFollowUp: (id: number, staffId: number) =>
    send<FollowUp>({ method: 'POST', path: `/api/staff/follow-ups/${id}/assign`, json: { staffId } }),
  followUpContact: (id: number) => send<FollowUpContact>({ method: 'POST', path: `/api/staff/follow-ups/${id}/contact` }),
  recordFollowUp: (id: number, body: FollowUpOutcomeBody) =>
    send<FollowUp>({ method: 'POST', path: `/api/staff/follow-ups/${id}`, json: body }),

  reminderTemplates: () => send<ReminderTemplates>({ method: 'GET', path: '/api/reminders/templates' }),
  saveStaffReminders: (results: StaffReminderResults) => send<unknown>({ method: 'POST', path: '/api/staff/reminders', json: { results } }),
};

export { ApiError };
