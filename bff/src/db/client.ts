import { createClient, type Client, type InStatement, type InArgs, type Transaction, type TransactionMode } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { nativeConnection, type NativeConnection } from './native';
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
  const timeout = config.busyTimeoutMs ?? 5_000;
  // The client's own connection serves batch() and migrations; statements go through cached ones.
  const base = createClient({ url: config.url, timeout });
  await base.execute('PRAGMA journal_mode = WAL');
  const path = filePath(config.url);
  const reader = nativeConnection(path, timeout);
  const writer = nativeConnection(path, timeout);
  for (const c of [reader, writer]) {
    c.execute('PRAGMA synchronous = NORMAL');
    c.execute('PRAGMA foreign_keys = ON');
  }
  const client = withCachedConnections(base, reader, writer);
  return { db: drizzle(client, { schema }), client, isFile };
}

/** `file:data/x.db`, `file:/abs/x.db`, `file:///abs/x.db` → the path SQLite opens. */
function filePath(url: string): string {
  const rest = url.slice('file:'.length).replace(/\?.*$/, '');
  return rest.startsWith('///') ? rest.slice(2) : rest.startsWith('//') ? rest.slice(1) : rest;
}

/**
 * Reads run on a reader connection and transactions on one long-lived writer
 * connection, both keeping their prepared statements (db/native.ts).
 *
 * The client's own `transaction()` would hand its connection to the
 * transaction and open a fresh one for the next statement: every transaction
 * would pay for opening the file, and the new connection would have lost its
 * PRAGMAs (synchronous back to FULL: an fsync per commit). Here transactions
 * run BEGIN IMMEDIATE … COMMIT on the writer; reads never see their uncommitted
 * rows. Only one transaction uses the writer at a time: db/tx.ts queues them.
 */
function withCachedConnections(base: Client, reader: NativeConnection, writer: NativeConnection): Client {
  const transaction = async (mode: TransactionMode = 'write'): Promise<Transaction> => {
    writer.execute(mode === 'write' ? 'BEGIN IMMEDIATE' : 'BEGIN DEFERRED');
    let open = true;
    const end = async (sql: 'COMMIT' | 'ROLLBACK') => {
      if (!open) return;
      open = false;
      try {
        writer.execute(sql);
      } catch (err) {
        // A failed COMMIT must not leave the write lock held (libsql-client-ts #352).
        if (sql === 'COMMIT') {
          try {
            writer.execute('ROLLBACK');
          } catch {
            /* already rolled back by SQLite */
          }
        }
        throw err;
      }
    };
    return {
      execute: async (stmt: InStatement | string, args?: InArgs) => writer.execute(stmt, args),
      batch: async (stmts: InStatement[]) => stmts.map((s) => writer.execute(s)),
      executeMultiple: async (sql: string) => writer.exec(sql),
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
  return new Proxy(base, {
    get(target, prop, receiver) {
      if (prop === 'transaction') return transaction;
      if (prop === 'execute') return async (stmt: InStatement | string, args?: InArgs) => reader.execute(stmt, args);
      if (prop === 'close') {
        return () => {
          writer.close();
          reader.close();
          target.close();
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
