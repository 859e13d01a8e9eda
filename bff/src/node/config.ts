import type { Env } from '../env';
import type { AppConfig } from '../lib/ports';
import { nodeCipher } from './cipher';
import { nodeCompressor } from './compress';
import { swaggerUiDist } from './docs-viewer';

// Development-only defaults: production refuses to start without real values (env.ts).
const DEV_JWT_SECRET = 'dev-only-jwt-secret-do-not-use-in-production-0000';
const DEV_CONTACT_KEY = 'ZGV2LW9ubHktY29udGFjdC1rZXktMzItYnl0ZXMhISE='; // 32 bytes

export function appConfig(env: Env): AppConfig {
  return {
    production: env.NODE_ENV === 'production',
    jwtSecret: env.JWT_SECRET ?? DEV_JWT_SECRET,
    citizenTokenTtlSeconds: 30 * 24 * 3600,
    staffTokenTtlSeconds: 12 * 3600,
    devLogin: env.DEV_LOGIN && env.NODE_ENV !== 'production',
    wechat: {
      apiBase: env.WX_API_BASE.replace(/\/$/, ''),
      appId: env.WX_APPID ?? null,
      appSecret: env.WX_SECRET ?? null,
      templates: {
        answered: env.WX_TEMPLATE_ANSWERED ?? null,
        progress: env.WX_TEMPLATE_PROGRESS ?? null,
        follow_up: env.WX_TEMPLATE_FOLLOW_UP ?? null,
        todo: env.WX_TEMPLATE_ASSIGNED ?? null,
        supervision: env.WX_TEMPLATE_SUPERVISION ?? null,
      },
      longTermSubscriptions: env.WX_SUBSCRIBE_LONG_TERM,
      qrEnvVersion: env.WX_QR_ENV_VERSION,
    },
    sms: {
      provider: env.SMS_PROVIDER ?? null,
      endpoint: env.SMS_ENDPOINT.replace(/\/$/, ''),
      region: env.SMS_REGION,
      secretId: env.SMS_SECRET_ID ?? null,
      secretKey: env.SMS_SECRET_KEY ?? null,
      sdkAppId: env.SMS_SDK_APP_ID ?? null,
      signName: env.SMS_SIGN_NAME ?? null,
      templates: { loginCode: env.SMS_TEMPLATE_LOGIN ?? null, notice: env.SMS_TEMPLATE_NOTICE ?? null },
    },
    contactKey: Uint8Array.from(Buffer.from(env.CONTACT_KEY ?? DEV_CONTACT_KEY, 'base64')),
    cipher: nodeCipher,
    compression: nodeCompressor,
    docsViewer: swaggerUiDist(),
    publicBaseUrl: env.PUBLIC_BASE_URL.replace(/\/$/, ''),
    limits: {
      loginPerAddressPerAccountPer15Min: 10,
      loginPerIpPer15Min: 50,
      submissionsPerCitizenPerHour: 20,
      uploadMaxBytes: 8 * 1024 * 1024,
    },
    trustProxy: env.TRUST_PROXY,
  };
}
