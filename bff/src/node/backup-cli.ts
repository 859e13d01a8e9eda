// `pnpm backup <file>`: a consistent copy of the live database (LIBSQL_URL, a `file:`
// URL) while the server keeps running; see db/backup.ts. For a libSQL server, use
// the server's own snapshots instead.
import { resolve } from 'node:path';
import { parseEnv } from '../env';
import { backupDatabase } from '../db/backup';
import { filePath } from '../db/client';

const target = process.argv[2];
if (!target) {
  console.error('usage: pnpm backup <target-file>   (copies the database named by LIBSQL_URL; never overwrites)');
  process.exit(2);
}
const env = parseEnv(process.env);
if (!env.LIBSQL_URL.startsWith('file:')) {
  console.error('LIBSQL_URL is not a file: back up a libSQL server with its own snapshot tools');
  process.exit(2);
}
try {
  // pnpm runs scripts in bff/: a relative target means where the operator typed the command.
  const result = backupDatabase(filePath(env.LIBSQL_URL), resolve(process.env.INIT_CWD ?? process.cwd(), target));
  process.stdout.write(`${JSON.stringify(result)}\n`);
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
}
