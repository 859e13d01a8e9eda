import { beijingDateTime, reminderEvents } from '@zw/shared';
import type { AppConfig } from '../../lib/ports';
import {
  createTokenProvider,
  describeFetchError,
  tokenProviderFor,
  TOKEN_ERRCODES,
  WechatTokenError,
  type TokenProvider,
} from '../wechat-token';
import {
  notificationKinds,
  type CaseAnsweredPayload,
  type CaseAssignedPayload,
  type CaseProgressPayload,
  type Notification,
  type NotificationKind,
} from './outbox';

/**
 * WeChat subscription messages (订阅消息) over `fetch` — no Node-only APIs, so
 * the client runs wherever the app runs.
 *
 *   POST {apiBase}/cgi-bin/stable_token  { grant_type: 'client_credential', appid, secret, force_refresh }
 *        → { access_token, expires_in } | { errcode, errmsg }      (see ../wechat-token.ts)
 *   POST {apiBase}/cgi-bin/message/subscribe/send?access_token=…
 *        { touser, template_id, page, data: { key: { value } }, miniprogram_state, lang }
 *        → { errcode: 0, errmsg: 'ok' } | { errcode, errmsg }
 *
 * The stable token, not GET /cgi-bin/token: each call to that one invalidates
 * the token issued before, so several BFF instances (and the mini-program code
 * client) would knock each other's tokens out. In normal mode stable_token
 * hands everybody the same valid token. When a send is refused for its token
 * (40001, 42001, 40014) the client asks again, forces a refresh only if WeChat
 * hands back the very token it refused, and sends once more.
 *
 * The AppSecret travels only in the token request's body and the token only in
 * the send URL: the client logs nothing, and every error text it returns is
 * scrubbed of both.
 */

/** `unsubscribed`: WeChat 43101 — the person refused or used up the consent; not a delivery failure. */

/** One request to WeChat or the SMS provider gives up after this (the outbox lease is built from it). */
export const SEND_TIMEOUT_MS = 5_000;
export type SendResult = { ok: true } | { ok: false; retryable: boolean; error: string; unsubscribed?: boolean };

/** What the outbox worker needs from a delivery channel. */
export type NotificationSender = {
  /** Kinds with a configured template; the worker leaves rows of other kinds pending. */
  readonly kinds: readonly NotificationKind[];
  /** Never throws: every failure comes back classified. */
  send(n: Notification): Promise<SendResult>;
};

export type WechatClientOptions = {
  apiBase: string;
  appId: string;
  appSecret: string;
  templates: Partial<Record<NotificationKind, string | null>>;
  fetch?: typeof fetch;
  /** Per HTTP request. */
  timeoutMs?: number;
  /** For the token's expiry. */
  now?: () => Date;
  /** The process's token provider for this AppID (wechatClientFromConfig); a private one otherwise. */
  tokens?: TokenProvider;
};

/** The user refused or is not subscribed, bad openid, bad template data, bad template id: retrying cannot help. */
export const PERMANENT_ERRCODES: ReadonlySet<number> = new Set([43101, 40003, 47003, 40037]);
export { TOKEN_ERRCODES };

export function createWechatClient(opts: WechatClientOptions): NotificationSender {
  const apiBase = opts.apiBase.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = opts.timeoutMs ?? SEND_TIMEOUT_MS;
  const kinds = (Object.keys(opts.templates) as NotificationKind[]).filter((k) => Boolean(opts.templates[k]));
  const tokens =
    opts.tokens ??
    createTokenProvider({ apiBase, appId: opts.appId, appSecret: opts.appSecret, fetch: opts.fetch, timeoutMs, now: opts.now });

  type Attempt = SendResult | { tokenRejected: true; error: string };

  async function post(accessToken: string, body: object): Promise<Attempt> {
    let status: number;
    let text: string;
    try {
      const res = await doFetch(`${apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(accessToken)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.status;
      text = await res.text();
    } catch (err) {
      return { ok: false, retryable: true, error: describeFetchError(err, timeoutMs) };
    }
    if (status < 200 || status >= 300) return { ok: false, retryable: true, error: `HTTP ${status}` };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    const r = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
    const errcode = r?.errcode;
    if (errcode === 0) return { ok: true };
    if (typeof errcode !== 'number') return { ok: false, retryable: true, error: 'unexpected response' };
    const error = `errcode ${errcode} ${String(r?.errmsg ?? '')}`.trim();
    if (TOKEN_ERRCODES.has(errcode)) return { tokenRejected: true, error };
    // -1 (busy), 45009 (quota) and anything unknown are retried; the worker's attempt limit bounds them.
    if (errcode === 43101) return { ok: false, retryable: false, unsubscribed: true, error };
    return { ok: false, retryable: !PERMANENT_ERRCODES.has(errcode), error };
  }

  async function send(n: Notification): Promise<SendResult> {
    const templateId = opts.templates[n.kind];
    if (!templateId) return { ok: false, retryable: true, error: `no template configured for ${n.kind}` };
    try {
      const body = subscribeMessage(n, templateId);
      const first = await tokens.token();
      let result = await post(first, body);
      if ('tokenRejected' in result) {
        result = await post(await tokens.renew(first), body);
        if ('tokenRejected' in result) result = { ok: false, retryable: true, error: result.error };
      }
      return result.ok ? result : { ...result, error: tokens.redact(result.error) };
    } catch (err) {
      const error = err instanceof WechatTokenError ? err.message : `unexpected: ${err instanceof Error ? err.name : 'error'}`;
      return { ok: false, retryable: true, error: tokens.redact(error) };
    }
  }

  return { kinds, send };
}

/**
 * The client for the app's configuration, or null when WeChat is not
 * configured (no AppID or AppSecret): nothing could be delivered then. Its
 * token comes from the process's provider for that configuration, shared with
 * the mini-program code client.
 */
export function wechatClientFromConfig(
  wechat: AppConfig['wechat'],
  extra: Pick<WechatClientOptions, 'fetch' | 'timeoutMs' | 'now'> = {},
): NotificationSender | null {
  const tokens = tokenProviderFor(wechat, extra);
  if (!tokens || !wechat.appId || !wechat.appSecret) return null;
  return createWechatClient({
    apiBase: wechat.apiBase,
    appId: wechat.appId,
    appSecret: wechat.appSecret,
    templates: templatesByKind(wechat.templates),
    tokens,
    ...extra,
  });
}

/** Each event's template: the one configured for its topic (shared/src/reminders.ts). */
export function templatesByKind(templates: AppConfig['wechat']['templates']): Partial<Record<NotificationKind, string | null>> {
  return Object.fromEntries(notificationKinds.map((k) => [k, templates[reminderEvents[k]]]));
}

// ------------------------------------------------------------- template data

export type TemplateData = Record<string, { value: string }>;

/** The request body of subscribe/send for one notification. */
export function subscribeMessage(n: Notification, templateId: string) {
  return {
    touser: n.recipient,
    template_id: templateId,
    // WeChat wants the path without a leading slash (`pages/x/index?id=1`).
    page: n.payload.page.replace(/^\/+/, ''),
    data: templateData(n),
    miniprogram_state: 'formal',
    lang: 'zh_CN',
  } as const;
}

/**
 * The data of each template, by topic. The keywords are the ones the operator
 * picks when adding the template in 公众平台 → 订阅消息 (README, "WeChat
 * reminders"); each value is cut to its keyword type's documented limit, since
 * WeChat refuses the whole message (47003) for one value that breaks a rule.
 */
export function templateData(n: Notification): TemplateData {
  switch (n.kind) {
    case 'case_answered':
      return answeredData(n.payload);
    case 'rating_invited':
      return answeredLike(n.payload, '请您评价');
    case 'case_assigned':
      return assignedData(n.payload);
    case 'case_chased':
      return supervisionData(n.payload, '被督办');
    case 'case_due_soon':
      return supervisionData(n.payload, '即将到期');
    case 'case_overdue':
      return supervisionData(n.payload, '已超期');
    case 'follow_up_recorded':
      return progressData(n.payload, '已回访', '回访情况请在诉求页查看');
    case 'case_supplement_requested':
      return progressData(n.payload, '需补正', '请按要求补正材料，详见诉求页');
    case 'case_rejected':
      return progressData(n.payload, '不予受理', '原因请在诉求页查看');
    case 'case_transferred':
      return progressData(n.payload, '已转办', n.payload.detail ? `转至${n.payload.detail}` : '已转交承办部门');
    case 'case_extended':
      return progressData(n.payload, '已延期', n.payload.detail ? `新答复期限${n.payload.detail}` : '答复期限已延长');
    case 'case_recorded':
      return progressData(n.payload, '已登记', '工作人员已代为登记');
  }
}

/** 诉求答复通知: 受理编号, 诉求标题, 办理状态, 答复时间. */
function answeredData(p: CaseAnsweredPayload): TemplateData {
  return {
    character_string1: { value: characterString(p.trackingNo) },
    thing2: { value: thing(p.title) },
    phrase3: { value: phrase('已答复') },
    time4: { value: shanghaiTime(p.answeredAt) },
  };
}

/** The answer template for the invitation to rate: same keywords, another state. */
function answeredLike(p: CaseProgressPayload, state: string): TemplateData {
  return {
    character_string1: { value: characterString(p.trackingNo) },
    thing2: { value: thing(p.title) },
    phrase3: { value: phrase(state) },
    time4: { value: shanghaiTime(p.at) },
  };
}

/** 办理进度通知 (and 回访结果通知, same layout): 受理编号, 诉求标题, 办理状态, 说明, 时间. */
function progressData(p: CaseProgressPayload, state: string, note: string): TemplateData {
  return {
    character_string1: { value: characterString(p.trackingNo) },
    thing2: { value: thing(p.title) },
    phrase3: { value: phrase(state) },
    thing4: { value: thing(note) },
    time5: { value: shanghaiTime(p.at) },
  };
}

/** 新诉求待办通知: 受理编号, 类型·部门, 办理时限. */
function assignedData(p: CaseAssignedPayload): TemplateData {
  return {
    character_string1: { value: characterString(p.trackingNo) },
    thing2: { value: thing(`${p.type}·${p.departmentName}`) },
    time3: { value: shanghaiTime(p.dueAt) },
  };
}

/** 督办提醒 (督办, 黄牌, 红牌): 受理编号, 提醒类型, 类型·部门, 办理时限. */
function supervisionData(p: CaseAssignedPayload, kind: string): TemplateData {
  return {
    character_string1: { value: characterString(p.trackingNo) },
    phrase2: { value: phrase(kind) },
    thing3: { value: thing(`${p.type}·${p.departmentName}`) },
    time4: { value: shanghaiTime(p.dueAt) },
  };
}

/** phrase.DATA: at most 5 Chinese characters, nothing else (no digits, letters or symbols). */
export function phrase(text: string, max = 5): string {
  const han = Array.from(text).filter((ch) => /\p{Script=Han}/u.test(ch));
  return han.slice(0, max).join('') || '有更新';
}

/**
 * thing.DATA: at most 20 characters (Chinese, letters, digits, symbols). WeChat
 * rejects the whole message (47003) if a value is too long, so shorten it with
 * an ellipsis; line breaks and runs of spaces become one space.
 */
export function thing(text: string, max = 20): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  if (chars.length === 0) return '无';
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** character_string.DATA: at most 32 letters, digits or symbols (no Chinese). */
export function characterString(text: string, max = 32): string {
  return text.replace(/[^\x21-\x7e]/g, '').slice(0, max) || '-';
}

/**
 * time.DATA as 'YYYY-MM-DD HH:mm' in Asia/Shanghai. China has kept UTC+8 all
 * year since 1991, so a fixed offset is exact and needs no time-zone data.
 */
export const shanghaiTime = beijingDateTime;
