import { createClient, type Client, type InStatement, type InArgs, type Transaction, type TransactionMode } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from './schema';

export type Db = LibSQLDatabase<typeof schema>;
export type DbHandle = { db: Db; client: Client; isFile: boolean };

export type DbConfig = { url: string; authToken?: string | undefined; busyTimeoutMs?: number };

/**
 * Opens the database. For a local file: WAL (readers never wait for the writer),
 * synchronous=NORMAL (safe with WAL: a power cut may lose the last commits,
 * never corrupt), a busy timeout given as a client option, and a dedicated
 * writer connection for transactions (see withDedicatedWriter).
 */
export async function openDb(config: DbConfig): Promise<DbHandle> {
  const isFile = config.url.startsWith('file:');
  if (!isFile) {
    const client = createClient({ url: config.url, authToken: config.authToken });
    return { db: drizzle(client, { schema }), client, isFile };
  }
  const options = { url: config.url, timeout: config.busyTimeoutMs ?? 5_000 };
  const reader = createClient(options);
  const writer = createClient(options);
  await reader.execute('PRAGMA journal_mode = WAL');
  for (const c of [reader, writer]) {
    await c.execute('PRAGMA synchronous = NORMAL');
    await c.execute('PRAGMA foreign_keys = ON');
  }
  const client = withDedicatedWriter(reader, writer);
  return { db: drizzle(client, { schema }), client, isFile };
}

/**
 * The embedded client's `transaction()` hands its connection to the
 * transaction and opens a fresh one for the next statement: every transaction
 * then pays for opening the file, and the new connection has lost its PRAGMAs
 * (synchronous falls back to FULL, an fsync per commit). Instead, transactions
 * run on one long-lived writer connection with BEGIN IMMEDIATE … COMMIT, while
 * reads stay on the reader and never see uncommitted rows. Only one
 * transaction uses the writer at a time: db/tx.ts queues them.
 */
function withDedicatedWriter(reader: Client, writer: Client): Client {
  const transaction = async (mode: TransactionMode = 'write'): Promise<Transaction> => {
    await writer.execute(mode === 'read' ? 'BEGIN DEFERRED' : mode === 'deferred' ? 'BEGIN DEFERRED' : 'BEGIN IMMEDIATE');
    let open = true;
    const end = async (sql: 'COMMIT' | 'ROLLBACK') => {
      if (!open) return;
      open = false;
      try {
        await writer.execute(sql);
      } catch (err) {
        // A failed COMMIT must not leave the write lock held (libsql-client-ts #352).
        if (sql === 'COMMIT') await writer.execute('ROLLBACK').catch(() => undefined);
        throw err;
      }
    };
    return {
      execute: (stmt: InStatement | string, args?: InArgs) => (typeof stmt === 'string' ? writer.execute(stmt, args) : writer.execute(stmt)),
      batch: async (stmts: InStatement[]) => {
        const out = [];
        for (const s of stmts) out.push(await writer.execute(s));
        return out;
      },
      executeMultiple: (sql: string) => writer.executeMultiple(sql),
      commit: () => end('COMMIT'),
      rollback: () => end('ROLLBACK'),
      close: () => {
        void end('ROLLBACK').catch(() => undefined);
      },
      get closed() {
        return !open;
      },
    } as unknown as Transaction;
  };
  return new Proxy(reader, {
    get(target, prop, receiver) {
      if (prop === 'transaction') return transaction;
      if (prop === 'close') {
        return () => {
          writer.close();
          target.close();
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
