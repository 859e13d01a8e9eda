import { errors, jwtVerify, SignJWT } from 'jose';
import type { AppConfig } from '../../lib/ports';

/**
 * The BFF's own bearer tokens: HS256 JWTs signed with `config.jwtSecret`.
 *
 * - The algorithm is pinned on both sides: we sign HS256 and verify only HS256,
 *   so `alg: none` or an RS/HS confusion can never pass.
 * - `kind` says whose token it is. A citizen token can never pass as a staff
 *   token (or the reverse): the middleware checks `kind` before anything else.
 * - `iss`/`aud` tie the token to this service; `exp` is always set and checked
 *   against the app's clock (so tests can move time).
 * - Nothing from WeChat is inside: `sub` is our own row id.
 */
export const TOKEN_ISSUER = 'zhengwu-bff';
export const TOKEN_AUDIENCE = 'zhengwu-api';

export type TokenKind = 'citizen' | 'staff';
export type TokenClaims = { kind: TokenKind; id: number };
export type IssuedToken = { token: string; expiresAt: string };

const encoder = new TextEncoder();
/** The secret imported once per process: importing it on every request cost more than verifying. */
const keys = new Map<string, Promise<CryptoKey>>();
function keyOf(config: AppConfig): Promise<CryptoKey> {
  let key = keys.get(config.jwtSecret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(config.jwtSecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    keys.set(config.jwtSecret, key);
  }
  return key;
}

export async function issueToken(config: AppConfig, now: Date, claims: TokenClaims): Promise<IssuedToken> {
  const iat = Math.floor(now.getTime() / 1000);
  const ttl = claims.kind === 'staff' ? config.staffTokenTtlSeconds : config.citizenTokenTtlSeconds;
  const exp = iat + ttl;
  const token = await new SignJWT({ kind: claims.kind })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(String(claims.id))
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(await keyOf(config));
  return { token, expiresAt: new Date(exp * 1000).toISOString() };
}

/** Why a token was refused; never sent to the caller beyond "log in again". */
export type TokenProblem = 'expired' | 'invalid';

/** Verifies signature, algorithm, issuer, audience and expiry; returns the claims or the problem. */
export async function verifyToken(config: AppConfig, now: Date, token: string): Promise<TokenClaims | { problem: TokenProblem }> {
  try {
    const { payload } = await jwtVerify(token, await keyOf(config), {
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      typ: 'JWT',
      currentDate: now,
      requiredClaims: ['exp', 'iat', 'sub'],
    });
    const kind = payload['kind'];
    const id = Number(payload.sub);
    if ((kind !== 'citizen' && kind !== 'staff') || !Number.isSafeInteger(id) || id <= 0) return { problem: 'invalid' };
    return { kind, id };
  } catch (err) {
    if (err instanceof errors.JWTExpired) return { problem: 'expired' };
    return { problem: 'invalid' };
  }
}
