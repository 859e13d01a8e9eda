import { eq } from 'drizzle-orm';
import { citizens } from '../../db/schema';
import type { Executor } from '../../db/tx';
import type { AppConfig } from '../../lib/ports';
import { maskPhone } from '../cases/secrets';

/**
 * A citizen's mobile number as an identity. The number is found by its HMAC
 * (phone_hash) so it is never stored or compared in the clear; the key is
 * derived from the contact key, so it never doubles as the AES key itself.
 * Pass numbers already normalised by the shared MobilePhone schema.
 */
export async function phoneHash(config: Pick<AppConfig, 'cipher' | 'contactKey'>, phone: string): Promise<string> {
  const subkey = await config.cipher.hmac(config.contactKey, 'zw:phone-index:v1');
  return config.cipher.hmac(subkey, phone);
}

export type PhoneCitizen = { id: number; openid: string | null; created: boolean };

/**
 * The citizen who owns this phone, created (phone only, no openid) when
 * nobody does. `verifiedAt` is when the phone was proven: by an SMS code, or
 * by the staff member who took the message at the counter or on the phone.
 * Run inside the transaction of the change that needs the citizen; two
 * concurrent calls for a new phone cannot both insert (unique phone_hash).
 */
export async function citizenForPhone(
  tx: Executor,
  config: Pick<AppConfig, 'cipher' | 'contactKey'>,
  phone: string,
  now: Date,
): Promise<PhoneCitizen> {
  const hash = await phoneHash(config, phone);
  const found = await tx.select({ id: citizens.id, openid: citizens.openid }).from(citizens).where(eq(citizens.phoneHash, hash)).get();
  if (found) return { ...found, created: false };
  const at = now.toISOString();
  const row = await tx
    .insert(citizens)
    .values({
      openid: null,
      phoneHash: hash,
      phoneEnc: await config.cipher.encrypt(config.contactKey, phone),
      phoneMasked: maskPhone(phone),
      phoneVerifiedAt: at,
      createdAt: at,
      lastLoginAt: at,
    })
    .onConflictDoNothing({ target: citizens.phoneHash })
    .returning({ id: citizens.id, openid: citizens.openid })
    .get();
  if (row) return { ...row, created: true };
  // Lost a race with another writer: theirs is the row.
  const again = await tx.select({ id: citizens.id, openid: citizens.openid }).from(citizens).where(eq(citizens.phoneHash, hash)).get();
  if (!again) throw new Error('citizen for phone vanished');
  return { ...again, created: false };
}
