import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import type { Cipher } from '../lib/ports';

/**
 * The Cipher port on node:crypto: the same formats as the WebCrypto version
 * (services/cases/secrets.ts), answered synchronously — in Node each WebCrypto
 * call is a thread-pool round trip, which cost a fifth of submission throughput.
 */
export const nodeCipher: Cipher = {
  async encrypt(key, text) {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, iv);
    const ct = Buffer.concat([c.update(text, 'utf8'), c.final(), c.getAuthTag()]);
    return `v1.${iv.toString('base64')}.${ct.toString('base64')}`;
  },
  async decrypt(key, stored) {
    const [v, ivB64, ctB64] = stored.split('.');
    if (v !== 'v1' || !ivB64 || !ctB64) throw new Error('unknown ciphertext format');
    const all = Buffer.from(ctB64, 'base64');
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(ivB64, 'base64'));
    d.setAuthTag(all.subarray(all.length - 16));
    return Buffer.concat([d.update(all.subarray(0, all.length - 16)), d.final()]).toString('utf8');
  },
  async hmac(key, message) {
    return createHmac('sha256', typeof key === 'string' ? Buffer.from(key, 'utf8') : key)
      .update(message, 'utf8')
      .digest('base64url');
  },
  digest(body) {
    const d = createHash('sha1').update(body).digest();
    return d.buffer.slice(d.byteOffset, d.byteOffset + d.byteLength) as ArrayBuffer;
  },
};
