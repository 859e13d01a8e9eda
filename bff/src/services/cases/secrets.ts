/**
 * Small WebCrypto helpers (no Node APIs): phone numbers encrypted at rest
 * (AES-256-GCM), query codes and photo links authenticated with HMAC-SHA256.
 */
const enc = new TextEncoder();
const dec = new TextDecoder();

function b64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}
function unb64(s: string): Uint8Array {
  return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
}
function b64url(bytes: Uint8Array): string {
  return b64(bytes).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

// Importing a key is the slow part of every call: keep each imported key for the process.
const aesKeys = new WeakMap<Uint8Array, Promise<CryptoKey>>();
const hmacKeys = new Map<string, Promise<CryptoKey>>();

function aesKey(raw: Uint8Array): Promise<CryptoKey> {
  let key = aesKeys.get(raw);
  if (!key) aesKeys.set(raw, (key = crypto.subtle.importKey('raw', raw as BufferSource, 'AES-GCM', false, ['encrypt', 'decrypt'])));
  return key;
}

function hmacKey(key: Uint8Array | string): Promise<CryptoKey> {
  const id = typeof key === 'string' ? `s:${key}` : `b:${b64(key)}`;
  let k = hmacKeys.get(id);
  if (!k) {
    const raw = typeof key === 'string' ? enc.encode(key) : key;
    hmacKeys.set(id, (k = crypto.subtle.importKey('raw', raw as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])));
  }
  return k;
}

export async function encryptText(key: Uint8Array, text: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await aesKey(key), enc.encode(text)));
  return `v1.${b64(iv)}.${b64(ct)}`;
}

export async function decryptText(key: Uint8Array, stored: string): Promise<string> {
  const [v, iv, ct] = stored.split('.');
  if (v !== 'v1' || !iv || !ct) throw new Error('unknown ciphertext format');
  const pt = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(iv) as BufferSource }, await aesKey(key), unb64(ct) as BufferSource);
  return dec.decode(pt);
}

export async function hmac(key: Uint8Array | string, message: string): Promise<string> {
  return b64url(new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(key), enc.encode(message))));
}

/** The WebCrypto implementation of the Cipher port (any runtime). */
export const webCipher = {
  encrypt: encryptText,
  decrypt: decryptText,
  hmac,
  digest: (body: Uint8Array) => crypto.subtle.digest('SHA-1', body as BufferSource),
};

/** Constant-time comparison of two strings of base64url. */
export function safeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** 13800138000 → 138****8000; 0797-6321001 → 0797-****001. */
export function maskPhone(phone: string): string {
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  const m = /^(0\d{2,3}-?)(\d+)$/.exec(phone);
  if (m) return `${m[1]}****${m[2]!.slice(-3)}`;
  return '****';
}

export function randomDigits(n: number): string {
  const bytes = crypto.getRandomValues(new Uint32Array(n));
  return Array.from(bytes, (b) => String(b % 10)).join('');
}

export function randomId(bytes = 16): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}
