import type { Db } from './client';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything a service verb can run queries on: the database or an open transaction. */
export type Executor = Db | Tx;

/**
 * Write transactions are queued per database, in-process. The embedded libSQL
 * driver is synchronous underneath: a second BEGIN IMMEDIATE would wait for
 * the lock inside a blocking native call, freezing the event loop the first
 * transaction needs in order to finish — a self-deadlock that ends in
 * SQLITE_BUSY. Queuing costs nothing (SQLite has one writer anyway); across
 * processes the busy timeout still applies. Drizzle opens the transaction with
 * BEGIN IMMEDIATE (the client's "write" mode) and rolls back on any error.
 */
const queues = new WeakMap<Db, Promise<unknown>>();

export function withTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const previous = queues.get(db) ?? Promise.resolve();
  const run = previous.then(() => db.transaction(fn));
  // The next writer waits for this one whether it commits or fails.
  queues.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}
