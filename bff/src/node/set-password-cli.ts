// `pnpm --filter bff set-password <username>`: sets a staff member's password, read
// from STAFF_PASSWORD or standard input (never from the command line, which
// lands in shell history and process lists). Clears the demo-password flag.
import { parseEnv } from '../env';
import { openDb } from '../db/client';
import { ensureFileDbFolder } from '../db/file-db';
import { runMigrations } from '../db/migrate';
import { setStaffPassword } from '../services/auth/staff';
import { scryptHasher } from './password';

const username = process.argv[2];
if (!username) {
  console.error('usage: pnpm --filter bff set-password <username>   (password from STAFF_PASSWORD or stdin)');
  process.exit(2);
}
const { STAFF_PASSWORD, ...rest } = process.env;
let password = STAFF_PASSWORD ?? '';
if (!password) {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
const env = parseEnv(rest);
ensureFileDbFolder(env.LIBSQL_URL);
const { db, client } = await openDb({ url: env.LIBSQL_URL, authToken: env.LIBSQL_AUTH_TOKEN });
await runMigrations(db);
try {
  const ok = await setStaffPassword({ ctx: { db, passwords: scryptHasher(), now: new Date() }, input: { username, password } });
  if (!ok) {
    console.error(`no staff account named ${username}`);
    process.exitCode = 1;
  } else process.stdout.write(`password set for ${username}\n`);
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  client.close();
}
