import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../src/env';

describe('environment', () => {
  it('defaults to an embedded file database on port 8787', () => {
    const env = parseEnv({});
    expect(env.LIBSQL_URL).toBe('file:data/zhengwu.db');
    expect(env.PORT).toBe(8787);
    expect(env.NODE_ENV).toBe('development');
  });

  it('accepts a libSQL server with a token, and treats empty strings as unset', () => {
    const env = parseEnv({ LIBSQL_URL: 'libsql://db.example.internal', LIBSQL_AUTH_TOKEN: 'tok', PORT: '' });
    expect(env.LIBSQL_URL).toBe('libsql://db.example.internal');
    expect(env.PORT).toBe(8787);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ LIBSQL_URL: 'postgres://x' }, 'LIBSQL_URL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SEED_ON_START: 'yes' }, 'SEED_ON_START'],
  ])('stops on %j naming %s', (source, name) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(() => parseEnv(source)).toThrow(new RegExp(name));
  });
});

describe('development login default', () => {
  it('is on in development, off in test, and refused in production', () => {
    expect(parseEnv({}).DEV_LOGIN).toBe(true);
    expect(parseEnv({ NODE_ENV: 'test' }).DEV_LOGIN).toBe(false);
    expect(parseEnv({ NODE_ENV: 'test', DEV_LOGIN: 'true' }).DEV_LOGIN).toBe(true);
    expect(() =>
      parseEnv({
        NODE_ENV: 'production',
        DEV_LOGIN: 'true',
        JWT_SECRET: 'x'.repeat(40),
        CONTACT_KEY: btoa('k'.repeat(32)),
        PUBLIC_BASE_URL: 'https://zw.example.cn',
      }),
    ).toThrow(/DEV_LOGIN/);
    expect(
      parseEnv({
        NODE_ENV: 'production',
        JWT_SECRET: 'x'.repeat(40),
        CONTACT_KEY: btoa('k'.repeat(32)),
        PUBLIC_BASE_URL: 'https://zw.example.cn',
      }).DEV_LOGIN,
    ).toBe(false);
  });
});

describe('PUBLIC_BASE_URL (printed in QR codes)', () => {
  it('defaults to the listening address outside production, without a trailing slash', () => {
    expect(parseEnv({}).PUBLIC_BASE_URL).toBe('http://127.0.0.1:8787');
    expect(parseEnv({ HOST: '0.0.0.0', PORT: '9000' }).PUBLIC_BASE_URL).toBe('http://127.0.0.1:9000');
    expect(parseEnv({ HOST: '::1', PORT: '9000' }).PUBLIC_BASE_URL).toBe('http://[::1]:9000');
    expect(parseEnv({ PUBLIC_BASE_URL: 'https://zw.example.cn/h5/' }).PUBLIC_BASE_URL).toBe('https://zw.example.cn/h5');
  });

  it('is required in production', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), CONTACT_KEY: btoa('k'.repeat(32)) };
    expect(() => parseEnv(prod)).toThrow(/PUBLIC_BASE_URL/);
    expect(parseEnv({ ...prod, PUBLIC_BASE_URL: 'https://zw.example.cn' }).PUBLIC_BASE_URL).toBe('https://zw.example.cn');
  });

  it.each(['zw.example.cn', 'ftp://zw.example.cn', 'https://zw.example.cn/?a=1', 'https://zw.example.cn/#x'])('refuses %s', (value) => {
    expect(() => parseEnv({ PUBLIC_BASE_URL: value })).toThrow(/PUBLIC_BASE_URL/);
  });
});
