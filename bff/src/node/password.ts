import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { PasswordHasher } from '../lib/ports';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

// OWASP's scrypt floor: N=2^17, r=8, p=1 (~130 MB·ms); stored with the hash so it can be raised later.
const N = 2 ** 17;
const r = 8;
const p = 1;
const KEYLEN = 32;

export function scryptHasher(cost = { N, r, p }): PasswordHasher {
  return {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await scrypt(password, salt, KEYLEN, { ...cost, maxmem: 256 * cost.N * cost.r });
      return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
    },
    async verify(password, stored) {
      const [alg, n, rr, pp, salt, hash] = stored.split('$');
      if (alg !== 'scrypt' || !n || !rr || !pp || !salt || !hash) return false;
      const expected = Buffer.from(hash, 'base64');
      const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
        N: Number(n),
        r: Number(rr),
        p: Number(pp),
        maxmem: 256 * Number(n) * Number(rr),
      });
      return key.length === expected.length && timingSafeEqual(key, expected);
    },
  };
}
