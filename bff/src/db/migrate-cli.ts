// `pnpm migrate`: applies the committed migrations to LIBSQL_URL and exits.
import { parseEnv } from '../env';
import { openDb } from './client';
import { runMigrations } from './migrate';
import { ensureFileDbFolder } from './file-db';

const env = parseEnv(process.env);
ensureFileDbFolder(env.LIBSQL_URL);
const { db, client } = await openDb({ url: env.LIBSQL_URL, authToken: env.LIBSQL_AUTH_TOKEN });
await runMigrations(db);
client.close();
console.log(`migrations applied to ${env.LIBSQL_URL.replace(/\?.*$/, '')}`);
