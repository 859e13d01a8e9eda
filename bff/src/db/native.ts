import { LibsqlError, type InArgs, type InStatement, type InValue, type ResultSet } from '@libsql/client';
import { ResultSetImpl } from '@libsql/core/util';
import Database from 'libsql';

/**
 * A file connection that keeps its prepared statements. `@libsql/client`
 * prepares every statement again on every execute (libsql #1850), which was
 * the largest single cost of a submission. This does what its file driver
 * does — same value conversions (intMode 'number'), same ResultSet, same
 * LibsqlError codes — but looks the statement up in a bounded cache first.
 */
export type NativeConnection = {
  execute(stmt: InStatement | string, args?: InArgs): ResultSet;
  exec(sql: string): void;
  close(): void;
};

type Prepared = { stmt: Database.Statement; returnsData: boolean; columns: string[]; columnTypes: string[] };

const MAX_CACHED = 1_000;

export function nativeConnection(path: string, timeoutMs: number): NativeConnection {
  const db = new Database(path, { timeout: timeoutMs });
  const cache = new Map<string, Prepared>();

  const prepare = (sql: string): Prepared => {
    const hit = cache.get(sql);
    if (hit) return hit;
    const stmt = db.prepare(sql);
    stmt.safeIntegers(true);
    let returnsData = true;
    try {
      stmt.raw(true);
    } catch {
      // raw() throws when the statement returns no data.
      returnsData = false;
    }
    const cols = returnsData ? stmt.columns() : [];
    const prepared = { stmt, returnsData, columns: cols.map((c) => c.name), columnTypes: cols.map((c) => c.type ?? '') };
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(sql, prepared);
    return prepared;
  };

  return {
    execute(stmtOrSql, maybeArgs) {
      const { sql, args } = normalise(stmtOrSql, maybeArgs);
      try {
        const p = prepare(sql);
        if (p.returnsData) {
          const rows = (p.stmt.all(args) as unknown[][]).map((r) => rowFromSql(r, p.columns));
          return new ResultSetImpl(p.columns, p.columnTypes, rows as never, 0, undefined);
        }
        const info = p.stmt.run(args);
        return new ResultSetImpl([], [], [], info.changes, BigInt(info.lastInsertRowid));
      } catch (e) {
        throw mapError(e);
      }
    },
    exec(sql) {
      try {
        db.exec(sql);
      } catch (e) {
        throw mapError(e);
      }
    },
    close() {
      cache.clear();
      db.close();
    },
  };
}

function normalise(stmtOrSql: InStatement | string, maybeArgs?: InArgs): { sql: string; args: unknown } {
  const stmt = typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: maybeArgs ?? [] } : stmtOrSql;
  const raw = stmt.args ?? [];
  if (Array.isArray(raw)) return { sql: stmt.sql, args: raw.map(valueToSql) };
  const named: Record<string, unknown> = {};
  for (const name in raw) {
    const key = name[0] === '@' || name[0] === '$' || name[0] === ':' ? name.slice(1) : name;
    named[key] = valueToSql((raw as Record<string, InValue>)[name]!);
  }
  return { sql: stmt.sql, args: named };
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function valueToSql(value: InValue | undefined): unknown {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
    return value;
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  return value;
}

function valueFromSql(v: unknown): unknown {
  if (typeof v === 'bigint') {
    if (v < MIN_SAFE || v > MAX_SAFE) throw new RangeError('Received integer which cannot be safely represented as a JavaScript number');
    return Number(v);
  }
  if (v instanceof Buffer) return v.buffer;
  return v;
}

/** The row shape of @libsql/client: indexable by position and by column name. */
function rowFromSql(sqlRow: unknown[], columns: string[]) {
  const row: Record<string | number, unknown> = {};
  Object.defineProperty(row, 'length', { value: sqlRow.length });
  for (let i = 0; i < sqlRow.length; ++i) {
    const value = valueFromSql(sqlRow[i]);
    Object.defineProperty(row, i, { value });
    const column = columns[i]!;
    if (!Object.hasOwn(row, column)) Object.defineProperty(row, column, { value, enumerable: true, configurable: true, writable: true });
  }
  return row;
}

const BASE_CODES: Record<number, string> = {
  1: 'SQLITE_ERROR',
  2: 'SQLITE_INTERNAL',
  3: 'SQLITE_PERM',
  4: 'SQLITE_ABORT',
  5: 'SQLITE_BUSY',
  6: 'SQLITE_LOCKED',
  7: 'SQLITE_NOMEM',
  8: 'SQLITE_READONLY',
  9: 'SQLITE_INTERRUPT',
  10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT',
  12: 'SQLITE_NOTFOUND',
  13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN',
  15: 'SQLITE_PROTOCOL',
  16: 'SQLITE_EMPTY',
  17: 'SQLITE_SCHEMA',
  18: 'SQLITE_TOOBIG',
  19: 'SQLITE_CONSTRAINT',
  20: 'SQLITE_MISMATCH',
  21: 'SQLITE_MISUSE',
  22: 'SQLITE_NOLFS',
  23: 'SQLITE_AUTH',
  24: 'SQLITE_FORMAT',
  25: 'SQLITE_RANGE',
  26: 'SQLITE_NOTADB',
  27: 'SQLITE_NOTICE',
  28: 'SQLITE_WARNING',
};

function mapError(e: unknown): unknown {
  if (e instanceof Database.SqliteError) {
    const raw = (e as { rawCode?: number }).rawCode;
    const base = raw === undefined ? 'SQLITE_UNKNOWN' : (BASE_CODES[raw & 0xff] ?? `SQLITE_UNKNOWN_${raw & 0xff}`);
    return new LibsqlError(e.message, base, (e as { code?: string }).code, raw, e);
  }
  return e;
}
