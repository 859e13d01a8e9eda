import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Tencent Cloud SMS (API 3.0 SendSms, version
 * 2021-01-11) on 127.0.0.1, following its documented contract:
 *
 * - POST / with Content-Type application/json; charset=utf-8, X-TC-Action
 *   SendSms, X-TC-Version 2021-01-11, X-TC-Timestamp (within 5 minutes),
 *   X-TC-Region, and an Authorization header whose TC3-HMAC-SHA256 signature
 *   it recomputes with node:crypto (independently of the adapter's WebCrypto
 *   code): AuthFailure.SignatureFailure / SignatureExpire / SecretIdNotFound.
 * - Body: PhoneNumberSet (+86 and 11 digits), SmsSdkAppId, SignName and
 *   TemplateId it was configured with, TemplateParamSet with the number of
 *   parameters each template takes (FailedOperation.* / InvalidParameterValue.*).
 * - Answers { Response: { SendStatusSet: [{ Code: 'Ok', SerialNo }], RequestId } }.
 *
 * Tests read what was sent (`messages`, `lastParamsFor`) and queue one-off
 * answers (`failNext`: an error code, an HTTP status, or a hang).
 */

export type SentSms = { phone: string; templateId: string; params: string[]; at: number };

export type TencentSmsDouble = {
  url: string;
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  /** Template ids the double accepts, with their parameter counts. */
  templates: Record<string, number>;
  messages: SentSms[];
  /** Requests refused, with the error code given (signature failures and the like). */
  refusals: string[];
  /** The parameters of the last message to this phone (11 digits), for a template. */
  lastParamsFor(phone: string, templateId?: string): string[] | null;
  /** Wait until `count` messages have arrived (or time out). */
  waitFor(count: number, timeoutMs?: number): Promise<SentSms[]>;
  /** The next request gets this answer instead: an error code, HTTP status, or a hang of `hangMs`. */
  failNext(answer: { code?: string; status?: number; hangMs?: number }): void;
  close(): Promise<void>;
};

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

export async function startTencentSmsDouble(
  opts: { templates?: Record<string, number>; secretId?: string; secretKey?: string } = {},
): Promise<TencentSmsDouble> {
  const secretId = opts.secretId ?? 'AKIDtest0000000000000000000000000000';
  const secretKey = opts.secretKey ?? 'test-secret-key-0000000000000000';
  const sdkAppId = '1400000000';
  const signName = '清溪县政务服务';
  const templates = opts.templates ?? { '100001': 2, '100002': 3 };
  const messages: SentSms[] = [];
  const refusals: string[] = [];
  const queued: Array<{ code?: string; status?: number; hangMs?: number }> = [];

  const read = (req: IncomingMessage) =>
    new Promise<string>((done) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    });

  function verify(req: IncomingMessage, body: string): string | null {
    const h = req.headers;
    if (h['x-tc-action'] !== 'SendSms') return 'InvalidAction';
    if (h['x-tc-version'] !== '2021-01-11') return 'NoSuchVersion';
    if (!h['x-tc-region']) return 'MissingParameter';
    const ts = Number(h['x-tc-timestamp']);
    if (!Number.isInteger(ts)) return 'MissingParameter';
    if (Math.abs(Date.now() / 1000 - ts) > 300) return 'AuthFailure.SignatureExpire';
    const m =
      /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/sms\/tc3_request, SignedHeaders=content-type;host, Signature=([0-9a-f]{64})$/.exec(
        String(h.authorization ?? ''),
      );
    if (!m) return 'AuthFailure.InvalidAuthorization';
    const [, id, date, signature] = m;
    if (id !== secretId) return 'AuthFailure.SecretIdNotFound';
    if (date !== new Date(ts * 1000).toISOString().slice(0, 10)) return 'AuthFailure.SignatureFailure';
    const canonical = ['POST', '/', '', `content-type:${h['content-type']}\nhost:${h.host}\n`, 'content-type;host', sha256(body)].join(
      '\n',
    );
    const toSign = ['TC3-HMAC-SHA256', String(ts), `${date}/sms/tc3_request`, sha256(canonical)].join('\n');
    const key = hmac(hmac(hmac(`TC3${secretKey}`, date!), 'sms'), 'tc3_request');
    if (createHmac('sha256', key).update(toSign, 'utf8').digest('hex') !== signature) return 'AuthFailure.SignatureFailure';
    return null;
  }

  const server = createServer(async (req, res) => {
    const body = await read(req);
    const requestId = `req-${messages.length + refusals.length + 1}`;
    const answer = (status: number, response: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ Response: { ...response, RequestId: requestId } }));
    };
    const refuse = (code: string) => {
      refusals.push(code);
      answer(200, { Error: { Code: code, Message: code } });
    };
    const next = queued.shift();
    if (next?.hangMs) await new Promise((r) => setTimeout(r, next.hangMs));
    if (next?.status) return answer(next.status, { Error: { Code: 'InternalError', Message: 'injected' } });
    if (next?.code) return refuse(next.code);
    if (req.method !== 'POST' || req.url !== '/') return refuse('UnsupportedOperation');
    if (!String(req.headers['content-type']).startsWith('application/json')) return refuse('UnsupportedProtocol');
    const problem = verify(req, body);
    if (problem) return refuse(problem);
    let p: { PhoneNumberSet?: unknown; SmsSdkAppId?: unknown; SignName?: unknown; TemplateId?: unknown; TemplateParamSet?: unknown };
    try {
      p = JSON.parse(body);
    } catch {
      return refuse('InvalidParameter');
    }
    if (p.SmsSdkAppId !== sdkAppId) return refuse('InvalidParameterValue.SdkAppIdNotExist');
    if (p.SignName !== signName) return refuse('FailedOperation.SignatureIncorrectOrUnapproved');
    const count = typeof p.TemplateId === 'string' ? templates[p.TemplateId] : undefined;
    if (count === undefined) return refuse('FailedOperation.TemplateIncorrectOrUnapproved');
    const params = Array.isArray(p.TemplateParamSet) ? p.TemplateParamSet : [];
    if (params.length !== count || !params.every((x) => typeof x === 'string'))
      return refuse('InvalidParameterValue.TemplateParameterFormatError');
    const phones = Array.isArray(p.PhoneNumberSet) ? p.PhoneNumberSet : [];
    if (phones.length !== 1 || !/^\+861[3-9]\d{9}$/.test(String(phones[0]))) return refuse('InvalidParameterValue.IncorrectPhoneNumber');
    messages.push({ phone: String(phones[0]).slice(3), templateId: p.TemplateId as string, params: params as string[], at: Date.now() });
    answer(200, {
      SendStatusSet: [
        { SerialNo: `serial-${messages.length}`, PhoneNumber: phones[0], Fee: 1, Code: 'Ok', Message: 'send success', IsoCode: 'CN' },
      ],
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    secretId,
    secretKey,
    sdkAppId,
    signName,
    templates,
    messages,
    refusals,
    lastParamsFor(phone, templateId) {
      for (let i = messages.length - 1; i >= 0; i--) {
        const m = messages[i]!;
        if (m.phone === phone && (!templateId || m.templateId === templateId)) return m.params;
      }
      return null;
    },
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`SMS double: ${messages.length} of ${count} messages after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return messages;
    },
    failNext(answer) {
      queued.push(answer);
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The app's SMS configuration pointed at a double (login template 100001, notice template 100002). */
export function smsConfigFor(d: TencentSmsDouble) {
  return {
    provider: 'tencent' as const,
    endpoint: d.url,
    region: 'ap-guangzhou',
    secretId: d.secretId,
    secretKey: d.secretKey,
    sdkAppId: d.sdkAppId,
    signName: d.signName,
    templates: { loginCode: '100001', notice: '100002' },
  };
}

/** The same configuration as environment variables, for a built server started as a process (e2e, bench). */
export function smsEnvFor(d: TencentSmsDouble): Record<string, string> {
  const c = smsConfigFor(d);
  return {
    SMS_PROVIDER: c.provider,
    SMS_ENDPOINT: c.endpoint,
    SMS_SECRET_ID: c.secretId,
    SMS_SECRET_KEY: c.secretKey,
    SMS_SDK_APP_ID: c.sdkAppId,
    SMS_SIGN_NAME: c.signName,
    SMS_TEMPLATE_LOGIN: c.templates.loginCode,
    SMS_TEMPLATE_NOTICE: c.templates.notice,
  };
}
