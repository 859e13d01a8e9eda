// No driver imports here: the app (edge build included) maps these errors without loading native code.

/**
 * The write lock stayed with someone else (another process: a backup, `pnpm seed`,
 * the import command) for longer than the write's budget. Answered 503 BUSY with
 * Retry-After: nothing was written, the same request can simply be sent again.
 */
export class DatabaseBusyError extends Error {
  constructor(readonly waitedMs: number) {
    super(`database write lock not obtained within ${waitedMs} ms`);
    this.name = 'DatabaseBusyError';
  }
}

/** True for our DatabaseBusyError and for SQLITE_BUSY / SQLITE_LOCKED anywhere in an error's cause chain. */
export function isDatabaseBusy(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof DatabaseBusyError) return true;
    const code = (e as { code?: unknown }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return true;
  }
  return false;
}
