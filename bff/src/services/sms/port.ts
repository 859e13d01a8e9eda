/**
 * What the app needs from an SMS provider. One real adapter (tencent.ts:
 * Tencent Cloud SMS, API 3.0); tests drive it against a local server that
 * follows Tencent's documented contract.
 */
export type SmsMessage = {
  /** Mainland mobile, 11 digits (the adapter adds +86). */
  phone: string;
  /** A template registered with the provider (and its signature). */
  templateId: string;
  /** The template's parameters, in order ({1}, {2}, …). */
  params: string[];
};

export type SmsResult = { ok: true; messageId: string | null } | { ok: false; retryable: boolean; error: string };

export type SmsSender = {
  /** Never throws: every failure comes back classified. Errors never quote the phone or the secret. */
  send(m: SmsMessage): Promise<SmsResult>;
};
