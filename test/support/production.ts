import { createClient } from '@libsql/client';
import { scryptHasher } from '../../bff/src/node/password';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startBuiltServer, type RunningServer } from './server';

/** The password the production e2e gives every seeded staff account (production refuses the published demo one). */
export const PRODUCTION_PASSWORD = 'e2e-production-password-2026';

/** Test secrets: production refuses to start without them (bff/src/env.ts). */
export const productionSecrets = {
  NODE_ENV: 'production',
  JWT_SECRET: 'e2e-production-jwt-secret-0123456789abcdef',
  CONTACT_KEY: Buffer.from('e2e-production-contact-key-32by!').toString('base64'),
} as const;

/**
 * The built BFF in production mode on a seeded database, as an operator would
 * run it: seeded once by a non-production start, every demo password replaced
 * (production refuses to start while one is in use), then started with
 * NODE_ENV=production, real-looking secrets and no development login.
 */
export async function startProductionServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'zw-prod-'));
  const dbUrl = `file:${join(dir, 'prod.db')}`;
  const seeding = await startBuiltServer({ LIBSQL_URL: dbUrl, LOG_LEVEL: 'warn' });
  await seeding.stop();

  // A cheap scrypt cost: these hashes only need to verify, not to resist an attacker.
  const hash = await scryptHasher({ N: 2 ** 12, r: 8, p: 1 }).hash(PRODUCTION_PASSWORD);
  const db = createClient({ url: dbUrl });
  await db.execute({ sql: 'UPDATE staff_users SET password_hash = ?, demo_password = 0', args: [hash] });
  db.close();

  const port = await freePort();
  const server = await startBuiltServer({
    ...productionSecrets,
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    LIBSQL_URL: dbUrl,
    SEED_ON_START: 'false',
    DEV_LOGIN: 'false',
    ...env,
  });
  return {
    ...server,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
