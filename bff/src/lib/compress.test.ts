import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, webCompressor } from './compress';

describe('chooseEncoding', () => {
  it('takes the highest q the client gives among ours, ties to our order; identity otherwise', () => {
    const ours = ['br', 'gzip'] as const;
    expect(chooseEncoding('gzip, deflate, br, zstd', ours)).toBe('br');
    expect(chooseEncoding('gzip;q=1.0, br;q=0.8', ours)).toBe('gzip');
    expect(chooseEncoding('GZIP', ours)).toBe('gzip');
    expect(chooseEncoding('*;q=0.5', ours)).toBe('br');
    expect(chooseEncoding('br;q=0, *', ours)).toBe('gzip');
    for (const none of [undefined, '', 'identity', 'deflate', 'br;q=0, gzip;q=0', 'br;q=abc'])
      expect(chooseEncoding(none, ours)).toBeNull();
  });
});

describe('webCompressor (the edge build: CompressionStream)', () => {
  it('gzips what gunzip reads back', async () => {
    const text = JSON.stringify({ data: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `办事指南 ${i}` })) });
    const gz = await webCompressor.compress(new TextEncoder().encode(text), 'gzip', 'fast');
    expect(gunzipSync(gz).toString()).toBe(text);
    expect(gz.byteLength).toBeLessThan(text.length / 4);
  });
});
