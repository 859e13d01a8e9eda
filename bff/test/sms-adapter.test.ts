import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTencentSms, smsSenderFromConfig } from '../src/services/sms/tencent';
import { smsConfigFor, startTencentSmsDouble, type TencentSmsDouble } from './support/tencent-sms-server';

/** The Tencent Cloud SMS adapter against a server that follows the documented SendSms contract and checks the TC3 signature. */
let d: TencentSmsDouble;
beforeAll(async () => {
  d = await startTencentSmsDouble();
});
afterAll(() => d.close());

const sender = (over: Partial<Parameters<typeof createTencentSms>[0]> = {}) =>
  createTencentSms({
    endpoint: d.url,
    region: 'ap-guangzhou',
    secretId: d.secretId,
    secretKey: d.secretKey,
    sdkAppId: d.sdkAppId,
    signName: d.signName,
    ...over,
  });
const msg = { phone: '13800138000', templateId: '100002', params: ['QX2612020001', '已答复', 'https://zw.example.gov.cn/c'] };

describe('Tencent Cloud SMS adapter', () => {
  it('sends a correctly signed SendSms request', async () => {
    const r = await sender().send(msg);
    expect(r).toEqual({ ok: true, messageId: expect.stringMatching(/^serial-/) });
    expect(d.messages.at(-1)).toMatchObject({ phone: '13800138000', templateId: '100002', params: msg.params });
  });

  it('a wrong secret fails the signature check: permanent, and the error names only the code', async () => {
    const r = await sender({ secretKey: 'not-the-key-0000' }).send(msg);
    expect(r).toEqual({ ok: false, retryable: false, error: 'tencent AuthFailure.SignatureFailure' });
    expect(d.refusals.at(-1)).toBe('AuthFailure.SignatureFailure');
  });

  it('a signature from a clock 10 minutes off is refused as expired', async () => {
    const r = await sender({ now: () => new Date(Date.now() - 600_000) }).send(msg);
    expect(r).toMatchObject({ ok: false, retryable: false, error: 'tencent AuthFailure.SignatureExpire' });
  });

  it('classifies Tencent errors: limits and internal errors are retried, template and number errors are not', async () => {
    for (const [code, retryable] of [
      ['LimitExceeded.PhoneNumberThirtySecondLimit', true],
      ['InternalError.Timeout', true],
      ['FailedOperation.TemplateIncorrectOrUnapproved', false],
      ['InvalidParameterValue.IncorrectPhoneNumber', false],
      ['UnauthorizedOperation.SmsSdkAppIdVerifyFail', false],
    ] as const) {
      d.failNext({ code });
      expect(await sender().send(msg), code).toEqual({ ok: false, retryable, error: `tencent ${code}` });
    }
    // The double's own contract checks: an unknown template, a wrong parameter count.
    expect(await sender().send({ ...msg, templateId: '999' })).toMatchObject({ ok: false, retryable: false });
    expect(await sender().send({ ...msg, params: ['only one'] })).toMatchObject({ ok: false, retryable: false });
  });

  it('HTTP 5xx, an unreachable endpoint and a timeout are retried; no error quotes the phone or the key', async () => {
    d.failNext({ status: 502 });
    const results = [await sender().send(msg)];
    results.push(await sender({ endpoint: 'http://127.0.0.1:9' }).send(msg));
    d.failNext({ hangMs: 500 });
    results.push(await sender({ timeoutMs: 100 }).send(msg));
    for (const r of results) {
      expect(r).toMatchObject({ ok: false, retryable: true });
      const text = JSON.stringify(r);
      expect(text).not.toContain('13800138000');
      expect(text).not.toContain(d.secretKey);
    }
    expect(results[2]).toMatchObject({ error: 'timeout after 100 ms' });
  });

  it('is built from the configuration only when it is complete', () => {
    const full = smsConfigFor(d);
    expect(smsSenderFromConfig(full)).not.toBeNull();
    expect(smsSenderFromConfig({ ...full, provider: null })).toBeNull();
    expect(smsSenderFromConfig({ ...full, secretKey: null })).toBeNull();
    expect(smsSenderFromConfig({ ...full, signName: null })).toBeNull();
  });
});
