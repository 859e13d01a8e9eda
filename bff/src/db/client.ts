import { createClient, type Client, type InStatement, type InArgs, type Transaction, type TransactionMode } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { DatabaseBusyError, isDatabaseBusy } from './busy';
import { nativeConnection, type NativeConnection } from './native';
import * as schema from './schema';

export type Db = LibSQLDatabase<typeof schema>;
export type DbHandle = { db: Db; client: Client; isFile: boolean };

export type DbConfig = {
  url: string;
  authToken?: string | undefined;
  /** How long a write may wait for the database lock (queue included) before it fails with DatabaseBusyError. */
  busyTimeoutMs?: number;
};

export const DEFAULT_LOCK_BUDGET_MS = 2_000;

/**
 * Opens the database. For a local file: WAL (readers never wait for the writer),
 * synchronous=NORMAL (safe with WAL: a power cut may lose the last commits,
 * never corrupt), and a dedicated writer connection for every write (see
 * withCachedConnections).
 */
export async function openDb(config: DbConfig): Promise<DbHandle> {
  const isFile = config.url.startsWith('file:');
  if (!isFile) {
    const client = createClient({ url: config.url, authToken: config.authToken });
    return { db: drizzle(client, { schema }), client, isFile };
  }
  const budget = config.busyTimeoutMs ?? DEFAULT_LOCK_BUDGET_MS;
  // The client's own connection serves migrations only (at start, before any request): it may wait.
  const base = createClient({ url: config.url, timeout: budget });
  await base.execute('PRAGMA journal_mode = WAL');
  const path = filePath(config.url);
  // SQLite's busy handler sleeps inside the native call, stopping Node's event loop:
  // the writer never uses it (the lock is retried with timers below) and a reader
  // only for the brief locks a WAL reader can meet (another process resetting the WAL).
  const reader = nativeConnection(path, Math.min(budget, 20));
  const writer = nativeConnection(path, 0);
  for (const c of [reader, writer]) {
    c.execute('PRAGMA synchronous = NORMAL');
    c.execute('PRAGMA foreign_keys = ON');
  }
  const client = withCachedConnections(base, reader, writer, budget);
  return { db: drizzle(client, { schema }), client, isFile };
}

/** `file:data/x.db`, `file:/abs/x.db`, `file:///abs/x.db` → the path SQLite opens. */
export function filePath(url: string): string {
  const rest = url.slice('file:'.length).replace(/\?.*$/, '');
  return rest.startsWith('///') ? rest.slice(2) : rest.startsWith('//') ? rest.slice(1) : rest;
}

/**
 * Statements that only read run on the reader; anything else (PRAGMAs included)
 * is treated as a write and goes through the writer queue.
 */
const READ_ONLY = /^\s*(?:select\b|with\b(?![\s\S]*\b(?:insert|update|delete|replace)\b))/i;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Reads run on a reader connection and writes on one long-lived writer
 * connection, both keeping their prepared statements (db/native.ts).
 *
 * The client's own `transaction()` would hand its connection to the
 * transaction and open a fresh one for the next statement: every transaction
 * would pay for opening the file, and the new connection would have lost its
 * PRAGMAs (synchronous back to FULL: an fsync per commit). Here transactions
 * run BEGIN IMMEDIATE … COMMIT on the writer; reads never see their uncommitted
 * rows.
 *
 * Writers queue here, in-process, one at a time (SQLite has one writer anyway).
 * A write statement outside a transaction becomes a one-statement transaction
 * in the same queue. The lock is taken with BEGIN IMMEDIATE on a connection
 * whose busy timeout is 0 and retried on timers with backoff, so while another
 * process holds the lock the event loop keeps serving reads; a write whose
 * budget (counted from when it asked, queue included) runs out fails with
 * DatabaseBusyError having written nothing.
 */
function withCachedConnections(base: Client, reader: NativeConnection, writer: NativeConnection, budgetMs: number): Client {
  let tail: Promise<void> = Promise.resolve();

  const begin = async (sql: string, askedAt: number) => {
    for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
      try {
        writer.execute(sql);
        return;
      } catch (err) {
        if (!isDatabaseBusy(err)) throw err;
        const waited = Date.now() - askedAt;
        if (waited + wait > budgetMs) throw new DatabaseBusyError(waited);
        await sleep(wait);
      }
    }
  };

  const transaction = async (mode: TransactionMode = 'write'): Promise<Transaction> => {
    const askedAt = Date.now();
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = tail;
    tail = previous.then(() => turn);
    await previous;
    try {
      await begin(mode === 'write' ? 'BEGIN IMMEDIATE' : 'BEGIN DEFERRED', askedAt);
    } catch (err) {
      release();
      throw err;
    }
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
      } finally {
        release();
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

  const execute = async (stmt: InStatement | string, args?: InArgs) => {
    const sql = typeof stmt === 'string' ? stmt : stmt.sql;
    if (READ_ONLY.test(sql)) return reader.execute(stmt, args);
    const tx = await transaction('write');
    try {
      const result = await tx.execute(typeof stmt === 'string' ? { sql: stmt, args: args ?? [] } : stmt);
      await tx.commit();
      return result;
    } catch (err) {
      await tx.rollback();
      throw err;
    }
  };

  return new Proxy(base, {
    get(target, prop, receiver) {
      if (prop === 'transaction') return transaction;
      if (prop === 'execute') return execute;
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
