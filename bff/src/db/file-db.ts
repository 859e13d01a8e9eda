import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Creates the folder of a `file:` database on first start (SQLite creates the file, not the folder). */
export function ensureFileDbFolder(url: string): void {
  if (!url.startsWith('file:')) return;
  const path = url.slice('file:'.length).replace(/\?.*$/, '');
  if (path === ':memory:' || path === '') return;
  mkdirSync(dirname(resolve(path)), { recursive: true });
}
