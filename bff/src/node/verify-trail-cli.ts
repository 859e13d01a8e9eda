// `pnpm verify-trail`: recomputes the HMAC chain of every case event and content
// version and the head of every case (services/trail.ts) with the server's
// CONTACT_KEY, and names the first row that does not fit. Exit 0 when everything
// verifies, 1 when something was changed outside the product, 2 on bad settings.
// Read-only: safe against a live database.
import { parseEnv } from '../env';
import { openDb } from '../db/client';
import { verifyTrail } from '../services/trail';
import { appConfig } from './config';

const env = parseEnv(process.env);
const { client } = await openDb({ url: env.LIBSQL_URL, authToken: env.LIBSQL_AUTH_TOKEN });
try {
  const started = performance.now();
  const report = await verifyTrail(client, appConfig(env));
  process.stdout.write(`${JSON.stringify({ ...report, ms: Math.round(performance.now() - started) })}\n`);
  if (report.firstBroken) {
    console.error(
      `trail broken: ${report.broken} row(s); first: ${report.firstBroken.table} id ${report.firstBroken.id} (${report.firstBroken.reason})`,
    );
    process.exitCode = 1;
  }
} finally {
  client.close();
}
