import type { Db } from './client';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything a service verb can run queries on: the database or an open transaction. */
export type Executor = Db | Tx;

/**
 * One write transaction: BEGIN IMMEDIATE … COMMIT, rolled back on any error.
 * For a file database the client (db/client.ts) queues writers in-process and
 * takes the lock without blocking the event loop, failing with
 * DatabaseBusyError (503 BUSY) when its budget runs out; a libSQL server does
 * its own locking. A verb that writes more than one row always goes through here,
 * so that a failure leaves nothing half-written.
 */
export function withTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(fn);
}
