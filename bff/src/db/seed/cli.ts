// `pnpm seed`: loads the demo county into LIBSQL_URL (migrating first). Safe to re-run.
import { parseEnv } from '../../env';
import { openDb } from '../client';
import { ensureFileDbFolder } from '../file-db';
import { runMigrations } from '../migrate';
import { createSearchService } from '../../services/search';
import { jiebaSegmenter } from '../../node/segmenter';
import { seed } from './run';
import { seedDemoAccounts } from './accounts';
import { scryptHasher } from '../../node/password';

const env = parseEnv(process.env);
ensureFileDbFolder(env.LIBSQL_URL);
const { db, client } = await openDb({ url: env.LIBSQL_URL, authToken: env.LIBSQL_AUTH_TOKEN });
await runMigrations(db);
const added = await seed(db, createSearchService(jiebaSegmenter()));
// Demo staff accounts carry a published password: never created by the seed in production.
const accounts = env.NODE_ENV === 'production' ? 0 : await seedDemoAccounts(db, scryptHasher());
client.close();
console.log('seed added', { ...added, accounts });
