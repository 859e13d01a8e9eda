import type { AppConfig } from '../../lib/ports';
import { safeEqual } from './secrets';

/**
 * Photos are served through signed, short-lived links: an <Image> in the
 * mini-program cannot send an Authorization header, and a link must stop
 * working once it leaks. Only views that passed the case access check sign.
 */
const TTL_SECONDS = 3600;

export async function photoUrl(config: AppConfig, id: string, now: Date): Promise<string> {
  const exp = Math.floor(now.getTime() / 1000) + TTL_SECONDS;
  const sig = await config.cipher.hmac(config.jwtSecret, `photo:${id}:${exp}`);
  return `/api/photos/${id}?exp=${exp}&sig=${sig}`;
}

export async function verifyPhotoLink(config: AppConfig, id: string, exp: number, sig: string, now: Date): Promise<boolean> {
  if (exp * 1000 < now.getTime()) return false;
  return safeEqual(await config.cipher.hmac(config.jwtSecret, `photo:${id}:${exp}`), sig);
}
