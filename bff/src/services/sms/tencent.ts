import type { AppConfig } from '../../lib/ports';
import { SEND_TIMEOUT_MS } from '../notifications/wechat';
import type { SmsMessage, SmsResult, SmsSender } from './port';

/**
 * Tencent Cloud SMS, API 3.0 `SendSms` (version 2021-01-11), signed with
 * TC3-HMAC-SHA256 — written on WebCrypto, so it runs in Node and at the edge
 * alike (the official SDK needs Node's crypto and http).
 *
 *   POST {endpoint}/   headers X-TC-Action: SendSms, X-TC-Version, X-TC-Timestamp, X-TC-Region,
 *                      Authorization: TC3-HMAC-SHA256 Credential=<SecretId>/<date>/sms/tc3_request,
 *                                     SignedHeaders=content-type;host, Signature=<hex>
 *   { PhoneNumberSet: ['+8613…'], SmsSdkAppId, SignName, TemplateId, TemplateParamSet }
 *   → { Response: { SendStatusSet: [{ Code: 'Ok' | …, Message, SerialNo }], RequestId } }
 *   | { Response: { Error: { Code, Message }, RequestId } }
 *
 * The secret key never leaves this file: only the signature derived from it
 * travels. Errors carry Tencent's error code, never the phone, the key or the
 * signature.
 */

export const TENCENT_SMS_VERSION = '2021-01-11';
const SERVICE = 'sms';
const CONTENT_TYPE = 'application/json; charset=utf-8';

export type TencentSmsOptions = {
  endpoint: string;
  region: string;
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  fetch?: typeof fetch;
  now?: () => Date;
  timeoutMs?: number;
};

const enc = new TextEncoder();
const hex = (buf: ArrayBuffer) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
const sha256Hex = async (text: string) => hex(await crypto.subtle.digest('SHA-256', enc.encode(text)));
async function hmac(key: Uint8Array | ArrayBuffer, text: string): Promise<ArrayBuffer> {
  const k = await crypto.subtle.importKey('raw', key as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return crypto.subtle.sign('HMAC', k, enc.encode(text));
}

/** The Authorization header for one request (exported for the tests of the signature itself). */
export async function tc3Authorization(opts: {
  secretId: string;
  secretKey: string;
  host: string;
  payload: string;
  timestamp: number;
}): Promise<string> {
  const date = new Date(opts.timestamp * 1000).toISOString().slice(0, 10);
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:${CONTENT_TYPE}\nhost:${opts.host}\n`,
    'content-type;host',
    await sha256Hex(opts.payload),
  ].join('\n');
  const scope = `${date}/${SERVICE}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(opts.timestamp), scope, await sha256Hex(canonicalRequest)].join('\n');
  const secretDate = await hmac(enc.encode(`TC3${opts.secretKey}`), date);
  const secretService = await hmac(secretDate, SERVICE);
  const secretSigning = await hmac(secretService, 'tc3_request');
  const signature = hex(await hmac(secretSigning, stringToSign));
  return `TC3-HMAC-SHA256 Credential=${opts.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
}

/**
 * Error codes worth another try later (documented SendSms errors): limits
 * that reset, Tencent's internal errors. Everything else — a bad signature,
 * an unapproved template, a number Tencent refuses — will fail the same way
 * again.
 */
function retryable(code: string): boolean {
  if (code.startsWith('InternalError') || code === 'RequestLimitExceeded' || code === 'ResourceUnavailable') return true;
  if (code.startsWith('LimitExceeded.')) return !/PhoneNumberCountLimit|AppCountryOrRegionDailyLimit/.test(code);
  return false;
}

export function createTencentSms(opts: TencentSmsOptions): SmsSender {
  const endpoint = opts.endpoint.replace(/\/+$/, '');
  const host = new URL(endpoint).host;
  const doFetch = opts.fetch ?? ((input, init) => fetch(input, init));
  const now = opts.now ?? (() => new Date());
  const timeoutMs = opts.timeoutMs ?? SEND_TIMEOUT_MS;

  async function send(m: SmsMessage): Promise<SmsResult> {
    const payload = JSON.stringify({
      PhoneNumberSet: [`+86${m.phone}`],
      SmsSdkAppId: opts.sdkAppId,
      SignName: opts.signName,
      TemplateId: m.templateId,
      TemplateParamSet: m.params,
    });
    const timestamp = Math.floor(now().getTime() / 1000);
    let status: number;
    let text: string;
    try {
      const res = await doFetch(`${endpoint}/`, {
        method: 'POST',
        headers: {
          'content-type': CONTENT_TYPE,
          authorization: await tc3Authorization({ secretId: opts.secretId, secretKey: opts.secretKey, host, payload, timestamp }),
          'x-tc-action': 'SendSms',
          'x-tc-version': TENCENT_SMS_VERSION,
          'x-tc-timestamp': String(timestamp),
          'x-tc-region': opts.region,
        },
        body: payload,
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.status;
      text = await res.text();
    } catch (err) {
      const name = err instanceof Error ? err.name : 'error';
      return { ok: false, retryable: true, error: name === 'TimeoutError' ? `timeout after ${timeoutMs} ms` : `network: ${name}` };
    }
    if (status >= 500) return { ok: false, retryable: true, error: `HTTP ${status}` };
    let body: { Response?: { Error?: { Code?: unknown }; SendStatusSet?: Array<{ Code?: unknown; SerialNo?: unknown }> } } | null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    const response = body?.Response;
    if (!response) return { ok: false, retryable: true, error: `unexpected answer (HTTP ${status})` };
    if (response.Error) {
      const code = String(response.Error.Code ?? 'unknown');
      return { ok: false, retryable: retryable(code), error: `tencent ${code}` };
    }
    const first = response.SendStatusSet?.[0];
    const code = String(first?.Code ?? 'unknown');
    if (code === 'Ok') return { ok: true, messageId: typeof first?.SerialNo === 'string' ? first.SerialNo : null };
    return { ok: false, retryable: retryable(code), error: `tencent ${code}` };
  }

  return { send };
}

/** The sender for the app's configuration, or null when SMS is not configured (nothing can be sent). */
export function smsSenderFromConfig(
  sms: AppConfig['sms'],
  extra: Pick<TencentSmsOptions, 'fetch' | 'now' | 'timeoutMs'> = {},
): SmsSender | null {
  if (sms.provider !== 'tencent' || !sms.secretId || !sms.secretKey || !sms.sdkAppId || !sms.signName) return null;
  return createTencentSms({
    endpoint: sms.endpoint,
    region: sms.region,
    secretId: sms.secretId,
    secretKey: sms.secretKey,
    sdkAppId: sms.sdkAppId,
    signName: sms.signName,
    ...extra,
  });
}
