import { existsSync } from 'node:fs';
import Database from 'libsql';

export type BackupResult = { target: string; bytes: number; tables: Record<string, number>; ms: number };

/**
 * A consistent copy of a live database file, taken with `VACUUM INTO`. In WAL
 * mode that is one read transaction: the server keeps reading and writing while
 * it runs (unlike copying the file, which can catch a half-checkpointed WAL, or
 * `sqlite3 .backup`, which restarts whenever a write lands). The copy is
 * checked with `PRAGMA integrity_check` before it is reported.
 */
export function backupDatabase(sourcePath: string, targetPath: string): BackupResult {
  if (existsSync(targetPath)) throw new Error(`${targetPath} exists: a backup never overwrites a file`);
  const started = performance.now();
  const source = new Database(sourcePath, { readonly: true, timeout: 1_000 });
  try {
    source.prepare('VACUUM INTO ?').run(targetPath);
  } finally {
    source.close();
  }
  const copy = new Database(targetPath, { readonly: true });
  try {
    const check = (copy.prepare('PRAGMA integrity_check').all() as Record<string, string>[]).map((r) => Object.values(r)[0]);
    if (check.join() !== 'ok') throw new Error(`the copy failed its integrity check: ${check.slice(0, 3).join('; ')}`);
    const tables: Record<string, number> = {};
    for (const t of ['cases', 'case_events', 'content_versions', 'citizens', 'service_items', 'policies']) {
      tables[t] = Number((copy.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n);
    }
    const bytes = Number(
      (copy.prepare('SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()').get() as { n: number }).n,
    );
    return { target: targetPath, bytes, tables, ms: Math.round(performance.now() - started) };
  } finally {
    copy.close();
  }
}
