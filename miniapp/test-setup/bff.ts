import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '../../bff/src/lib/ports';
import { createTestContext, type TestContext } from '../../bff/test/helpers';
import { startFakeWechat, type FakeWechat } from '../../bff/test/support/wechat-server';

export type LiveBff = {
  ctx: TestContext;
  url: string;
  /**
   * When set, answers instead of the BFF — what a gateway in front of it may
   * send (an HTML 502, a 413 from a body limit) or another BFF's answers.
   */
  gateway: ((req: Request) => Response | Promise<Response>) | null;
  close: () => Promise<void>;
};

/**
 * The real BFF over a fresh seeded database, listening on loopback, and the
 * app's build-time settings pointed at it (H5 unless told otherwise). Import
 * the app modules after this: services/config.ts reads the settings once.
 */
export async function startBff(opts: Parameters<typeof createTestContext>[0] = {}, env: 'h5' | 'weapp' = 'h5'): Promise<LiveBff> {
  const ctx = await createTestContext(opts);
  const live: LiveBff = {
    ctx,
    url: '',
    gateway: null,
    close: async () => {
      await new Promise((r) => server.close(r));
      ctx.cleanup();
    },
  };
  const server: ServerType = serve({
    fetch: (req) => (live.gateway ? live.gateway(req) : ctx.app.fetch(req)),
    hostname: '127.0.0.1',
    port: 0,
  });
  await new Promise((r) => server.once('listening', r));
  live.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.TARO_ENV = env;
  process.env.TARO_APP_API_BASE = live.url;
  return live;
}

/** The citizen templates startWeappBff configures (what GET /api/reminders/templates then offers). */
export const CITIZEN_TEMPLATES = { answered: 'TPL_ANSWERED', progress: 'TPL_PROGRESS', follow_up: 'TPL_FOLLOW_UP' } as const;

/**
 * The real BFF for the WeChat build: citizens sign in through a local server that
 * follows code2Session (`wx.issueCode(openid)` is what Taro.login yields), and the
 * three citizen subscription templates are configured. close() stops both.
 */
export async function startWeappBff(): Promise<LiveBff & { wx: FakeWechat }> {
  const wx = await startFakeWechat();
  const bff = await startBff(
    {
      config: (c: AppConfig) => ({
        ...c,
        wechat: {
          ...c.wechat,
          apiBase: wx.url,
          appId: wx.appId,
          appSecret: wx.appSecret,
          templates: { ...c.wechat.templates, ...CITIZEN_TEMPLATES },
        },
      }),
    },
    'weapp',
  );
  const closeBff = bff.close;
  return Object.assign(bff, {
    wx,
    close: async () => {
      await closeBff();
      await wx.close();
    },
  });
}
