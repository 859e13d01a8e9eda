import {
  emptyItemDraft,
  emptyPolicyDraft,
  itemPublishProblems,
  ItemRecord,
  policyPublishProblems,
  PolicyRecord,
  type ImportFormat,
  type ImportIssue,
  type ImportKind,
  type ImportResult,
} from '@zw/shared';
import { asc } from 'drizzle-orm';
import { withTransaction, type Executor, type Tx } from '../../db/tx';
import { departments, policies, serviceItems } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { ServiceContext, VerbArgs } from '../../lib/service';
import { createEntity, updateEntity, type EditableRecord, type EntityAdapter } from './engine';
import { itemAdapter, itemSnapshot, type ItemSnapshot } from './items';
import { policyAdapter, policySnapshot, type PolicySnapshot } from './policies';
import { columnsOf, parseRows, toCsv, toJson } from './records';
import { changedFields } from './versions';

/*
 * Bulk import and export of guides (by 事项编码) and policy documents (by 文号).
 *
 * All or nothing: every row is checked first — its own fields, the department
 * it names, duplicates within the file, and (for published rows) everything
 * publishing requires — and every problem is reported with its line and field.
 * Only a file without a single problem is written, in one transaction, each
 * changed record getting a version (action `import`). Unchanged records are
 * left alone, so importing an export changes nothing at all.
 */

type Prepared = { line: number; key: string; id: number | null; snapshot: Record<string, unknown>; unchanged: boolean };
type Existing = Map<string, { id: number; snapshot: Record<string, unknown> }>;

/** The field order of exported records (the CSV column order). */
function recordKeys(kind: ImportKind): string[] {
  return [...new Set(columnsOf(kind).map((c) => c.name.split('.')[0]!))];
}

function ordered(kind: ImportKind, rec: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(recordKeys(kind).map((k) => [k, rec[k]]));
}

async function departmentCodes(db: Executor) {
  const rows = await db.select({ id: departments.id, code: departments.code }).from(departments).orderBy(asc(departments.sortOrder));
  return {
    byCode: new Map(rows.map((r) => [r.code, r.id])),
    byId: new Map(rows.map((r) => [r.id, r.code])),
    codes: rows.map((r) => r.code),
  };
}

/** The records of a kind in file order. Not a verb: prepare() compares against them on the import's own executor. */
async function exportRecords(db: Executor, kind: ImportKind): Promise<Array<Record<string, unknown>>> {
  const depts = await departmentCodes(db);
  if (kind === 'items') {
    const rows = await db.select().from(serviceItems).orderBy(asc(serviceItems.code));
    return rows.map((r) => {
      const { departmentId, ...rest } = itemSnapshot(r);
      return ordered(kind, { ...rest, department: depts.byId.get(departmentId) ?? '' });
    });
  }
  const rows = await db.select().from(policies).orderBy(asc(policies.docNumber));
  return rows.map((r) => {
    const { departmentId, ...rest } = policySnapshot(r);
    return ordered(kind, { ...rest, department: departmentId === null ? null : (depts.byId.get(departmentId) ?? null) });
  });
}

/** The export file's text (the route adds the file name and type). */
export async function exportFile({ ctx, input: { kind, format } }: VerbArgs<{ kind: ImportKind; format: ImportFormat }>): Promise<string> {
  const records = await exportRecords(ctx.db, kind);
  return format === 'json' ? toJson(records) : toCsv(kind, records);
}

/** 400 listing every problem (sorted by line), nothing written. */
export class ImportInvalidError extends AppError {
  constructor(readonly issues: ImportIssue[]) {
    const first = issues[0];
    super(
      'VALIDATION_FAILED',
      400,
      `导入文件有 ${issues.length} 处错误，没有导入任何内容${first ? `。第 ${first.line} 行${first.field ? ` ${first.field}` : ''}：${first.message}` : ''}`,
      { issues },
    );
  }
}

function pathOf(path: ReadonlyArray<PropertyKey>): string {
  return path.map(String).join('.');
}

async function loadExisting(db: Executor, kind: ImportKind): Promise<Existing> {
  if (kind === 'items') {
    const rows = await db.select().from(serviceItems);
    return new Map(rows.map((r) => [r.code, { id: r.id, snapshot: itemSnapshot(r) }]));
  }
  const rows = await db.select().from(policies);
  return new Map(rows.map((r) => [r.docNumber, { id: r.id, snapshot: policySnapshot(r) }]));
}

async function prepare(db: Executor, kind: ImportKind, text: string, format: ImportFormat): Promise<Prepared[]> {
  const parsed = parseRows(text, kind, format);
  const issues: ImportIssue[] = [...parsed.issues];
  const depts = await departmentCodes(db);
  const existing = await loadExisting(db, kind);
  const keyField = kind === 'items' ? 'code' : 'docNumber';
  const seen = new Map<string, number>();
  const out: Prepared[] = [];

  for (const { line, values } of parsed.rows) {
    const issue = (field: string, message: string) => issues.push({ line, field, message });
    const rawKey = values[keyField];
    const key = typeof rawKey === 'string' ? rawKey.trim() : '';
    if (!key) {
      issue(keyField, kind === 'items' ? '缺少事项编码（按编码判断新增还是更新）' : '缺少文号（按文号判断新增还是更新）');
      continue;
    }
    const dupe = seen.get(key);
    if (dupe !== undefined) {
      issue(keyField, `与第 ${dupe} 行重复（${key}）`);
      continue;
    }
    seen.set(key, line);
    const before = existing.get(key);

    // What the row does not mention keeps its current value (or the empty-draft value when new).
    const base: Record<string, unknown> = before
      ? (() => {
          const { departmentId, ...rest } = before.snapshot as { departmentId: number | null } & Record<string, unknown>;
          return { ...rest, department: departmentId === null ? null : (depts.byId.get(departmentId) ?? null) };
        })()
      : kind === 'items'
        ? { ...emptyItemDraft, [keyField]: key }
        : { ...emptyPolicyDraft, department: null, [keyField]: key };
    const merged: Record<string, unknown> = { ...base, ...values };
    if (kind === 'items' && values.fee && typeof values.fee === 'object' && base.fee && typeof base.fee === 'object') {
      merged.fee = { ...(base.fee as object), ...(values.fee as object) };
    }

    const schema = kind === 'items' ? ItemRecord : PolicyRecord;
    const result = schema.safeParse(merged);
    if (!result.success) {
      const reported = new Set<string>();
      for (const i of result.error.issues) {
        const field = pathOf(i.path);
        if (reported.has(field)) continue;
        reported.add(field);
        issue(field, i.path.length === 1 && merged[field] === undefined ? `缺少${field}（新增的记录必须填写）` : i.message);
      }
      continue;
    }
    const { department, ...fields } = result.data as { department: string | null } & Record<string, unknown>;
    let departmentId: number | null = null;
    if (department !== null) {
      const id = depts.byCode.get(department);
      if (id === undefined) {
        issue('department', `部门编码“${department}”不存在（可用：${depts.codes.join('、')}）`);
        continue;
      }
      departmentId = id;
    }
    const snapshot: Record<string, unknown> = { ...fields, departmentId };
    if (snapshot.status === 'published') {
      const problems = kind === 'items' ? itemPublishProblems(snapshot) : policyPublishProblems(snapshot);
      for (const p of problems) issue(p.field, `${p.label}：${p.message}（状态为 published 的记录必须完整；未完成的请设为 draft）`);
      if (problems.length) continue;
    }
    out.push({
      line,
      key,
      id: before?.id ?? null,
      snapshot,
      unchanged: before ? changedFields(before.snapshot, snapshot).length === 0 : false,
    });
  }
  if (issues.length) throw new ImportInvalidError(issues.sort((a, b) => a.line - b.line));
  return out;
}

/** One import row through the engine, recorded as an `import` version: created when new, else updated from its snapshot. */
async function writeRow<S extends EditableRecord>(
  ctx: ServiceContext,
  adapter: EntityAdapter<S>,
  id: number | null,
  record: S,
  tx: Tx,
): Promise<number> {
  const common = { adapter, tx, action: 'import' as const };
  if (id === null) return (await createEntity({ ctx, input: { ...common, record, review: false } })).id;
  return (await updateEntity({ ctx, input: { ...common, id, patch: record, baseVersion: undefined, requireBase: false } })).id;
}

/** Imports a file (or only checks it: dryRun). The editor is ctx.actor; the import command's system context records none. */
export async function importFile({
  ctx,
  input: { kind, text, format, dryRun = false },
}: VerbArgs<{ kind: ImportKind; text: string; format: ImportFormat; dryRun?: boolean | undefined }>): Promise<ImportResult> {
  const run = async (exec: Executor, tx: Tx | null): Promise<ImportResult> => {
    const rows = await prepare(exec, kind, text, format);
    const result: ImportResult = { kind, dryRun, total: rows.length, created: 0, updated: 0, unchanged: 0, rows: [] };
    for (const r of rows) {
      let id = r.id;
      const action = r.unchanged ? 'unchanged' : r.id === null ? 'created' : 'updated';
      if (tx && action !== 'unchanged') {
        id =
          kind === 'items'
            ? await writeRow(ctx, itemAdapter, r.id, r.snapshot as ItemSnapshot, tx)
            : await writeRow(ctx, policyAdapter, r.id, r.snapshot as PolicySnapshot, tx);
      }
      result[action]++;
      result.rows.push({ line: r.line, key: r.key, action, id });
    }
    return result;
  };
  // A dry run reads only; a real one checks again inside the write transaction, so nothing changes between check and write.
  return dryRun ? run(ctx.db, null) : withTransaction(ctx.db, (tx) => run(tx, tx));
}
