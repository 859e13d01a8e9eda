import { describe, expect, it } from 'vitest';
import { nodeCipher } from '../../node/cipher';
import { maskPhone, webCipher } from './secrets';

const key = crypto.getRandomValues(new Uint8Array(32));

describe('the two Cipher implementations', () => {
  it('read each other’s ciphertexts (edge and Node share one format)', async () => {
    for (const [a, b] of [
      [nodeCipher, webCipher],
      [webCipher, nodeCipher],
    ] as const) {
      const stored = await a.encrypt(key, '13800138000');
      expect(stored).toMatch(/^v1\./);
      expect(stored).not.toContain('13800138000');
      expect(await b.decrypt(key, stored)).toBe('13800138000');
    }
  });

  it('refuse a tampered ciphertext and a wrong key', async () => {
    const stored = await nodeCipher.encrypt(key, '13800138000');
    const [v, iv, ct] = stored.split('.');
    const flipped = Buffer.from(ct!, 'base64');
    flipped[0]! ^= 1;
    await expect(nodeCipher.decrypt(key, `${v}.${iv}.${flipped.toString('base64')}`)).rejects.toThrow();
    await expect(webCipher.decrypt(crypto.getRandomValues(new Uint8Array(32)), stored)).rejects.toThrow();
  });

  it('compute the same HMAC', async () => {
    expect(await nodeCipher.hmac('secret', 'photo:abc:1')).toBe(await webCipher.hmac('secret', 'photo:abc:1'));
    expect(await nodeCipher.hmac(key, 'query:QX1:123456')).toBe(await webCipher.hmac(key, 'query:QX1:123456'));
  });

  it('compute the same ETag digest', async () => {
    const body = new TextEncoder().encode('{"ok":true}');
    expect(Buffer.from(await nodeCipher.digest(body))).toEqual(Buffer.from(await webCipher.digest(body)));
  });

  it('masks phones for lists', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('0797-6321001')).toBe('0797-****001');
  });
});
