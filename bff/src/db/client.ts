import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from './schema';

export type Db = LibSQLDatabase<typeof schema>;
export type DbHandle = { db: Db; client: Client; isFile: boolean };

export type DbConfig = { url: string; authToken?: string | undefined; busyTimeoutMs?: number };

/**
 * Opens the database. For a local file: WAL (readers never wait for the writer)
 * and a busy timeout given as a client option, so that it also applies to the
 * fresh connection the client opens after every transaction (a PRAGMA would not).
 */
export async function openDb(config: DbConfig): Promise<DbHandle> {
  const isFile = config.url.startsWith('file:');
  const client = createClient({
    url: config.url,
    authToken: isFile ? undefined : config.authToken,
    ...(isFile ? { timeout: config.busyTimeoutMs ?? 5_000 } : {}),
  });
  if (isFile) {
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA synchronous = NORMAL');
  }
  return { db: drizzle(client, { schema }), client, isFile };
}
