import { afterEach, describe, expect, it, vi } from 'vitest';

/** config.ts reads the build-time settings once, at import: each case imports it afresh. */
async function configWith(env: { TARO_ENV: string; TARO_APP_API_BASE?: string }) {
  vi.resetModules();
  vi.stubEnv('TARO_ENV', env.TARO_ENV);
  vi.stubEnv('TARO_APP_API_BASE', env.TARO_APP_API_BASE);
  return import('./config');
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('where the app finds the BFF', () => {
  it('H5 without a setting: same origin', async () => {
    const c = await configWith({ TARO_ENV: 'h5' });
    expect(c.API_BASE).toBe('');
    expect(c.apiUrl('/api/items')).toBe('/api/items');
    expect(c.apiUrl('api/items')).toBe('/api/items');
  });

  it('a mini-program without a setting: the local BFF (relative URLs do not work there)', async () => {
    for (const target of ['weapp', 'alipay', 'tt']) {
      const c = await configWith({ TARO_ENV: target, TARO_APP_API_BASE: '' });
      expect(c.apiUrl('/api/items')).toBe('http://127.0.0.1:8787/api/items');
    }
  });

  it('a setting wins on every platform, without stray spaces or trailing slashes', async () => {
    for (const target of ['h5', 'weapp']) {
      const c = await configWith({ TARO_ENV: target, TARO_APP_API_BASE: '  https://zw.example.gov.cn/bff//  ' });
      expect(c.API_BASE).toBe('https://zw.example.gov.cn/bff');
      expect(c.apiUrl('/api/qr/w7k2m9')).toBe('https://zw.example.gov.cn/bff/api/qr/w7k2m9');
    }
  });

  it('a blank setting means the platform default', async () => {
    const c = await configWith({ TARO_ENV: 'weapp', TARO_APP_API_BASE: '   ' });
    expect(c.API_BASE).toBe('http://127.0.0.1:8787');
  });
});
