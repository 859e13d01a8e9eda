import type { ContentEntityType, ContentStatus, ErrorIssue, FieldProblem, VersionAction } from '@zw/shared';
import { withTransaction, type Tx } from '../../db/tx';
import { AppError, NotFoundError, ValidationError } from '../../lib/errors';
import { editorIdOf, type ServiceContext, type VerbArgs } from '../../lib/service';
import type { SearchService } from '../search';
import { changedFields, recordVersion, versionsSince, type Snapshot } from './versions';

/*
 * Versioned editing, the same for every kind of content (guides, policies,
 * interpretations, halls, windows). An adapter per kind says how to load and
 * store a record; the verbs here do the rest, each in one write transaction:
 *
 *   check the version the editor started from (409 when someone else saved since)
 *   → merge → validate (a published record must stay publishable)
 *   → store with version + 1 → append the version row → keep the search index in step
 *
 * Nothing is written when nothing changed: no new version, no bump of the
 * public content version.
 */

/*
 * The four verbs below take `{ ctx, input }` like every verb; the editor is
 * ctx.actor (a system context — seed, import command — records editor null).
 * The adapters' load / insert / update / check / afterChange / markReviewed
 * take the transaction instead: they are steps inside a verb's write
 * transaction, not verbs, and must run on that transaction.
 */

export type Loaded<S extends Snapshot> = { snapshot: S; version: number; updatedAt: string };

/** What the engine stores: a snapshot with a status. */
export type EditableRecord = Snapshot & { status: ContentStatus };

export type EntityAdapter<S extends Snapshot & { status: ContentStatus }> = {
  type: ContentEntityType;
  /** For messages: 办事指南, 政策文件… */
  noun: string;
  labels: Record<string, string>;
  load(tx: Tx, id: number): Promise<Loaded<S> | null>;
  /** Inserts a new record; returns its id. */
  insert(tx: Tx, record: S, at: string): Promise<number>;
  /** Stores the record's fields (and its links) as `version`. */
  update(tx: Tx, id: number, record: S, version: number, at: string): Promise<void>;
  /** Problems with references (department, items…) or unique keys, thrown as errors. */
  check?(tx: Tx, record: S, id: number | null): Promise<void>;
  publishProblems(record: S): FieldProblem[];
  /** Puts a record in its stored form (e.g. link ids unique and sorted), so comparisons see no false changes. */
  normalize?(record: S): S;
  /** Fills what publishing supplies (an interpretation's date). */
  beforePublish?(record: S, at: Date): S;
  /** After every stored change: search index, related records. */
  afterChange?(tx: Tx, search: SearchService, id: number, record: S, previous: S | null): Promise<void>;
  /** Sets reviewed_at / reviewed_by, for content editors vouch for. */
  markReviewed?(tx: Tx, id: number, at: string, editorId: number | null): Promise<void>;
};

/** 400 naming every field publishing needs, with its label; `details.problems` for the editor page. */
export function publishBlocked(noun: string, problems: FieldProblem[], verb = '发布'): AppError {
  const missing = problems.filter((p) => p.missing).map((p) => p.label);
  const uniqueMissing = [...new Set(missing)];
  const others = problems.length - missing.length;
  const parts = [
    uniqueMissing.length ? `请补全：${uniqueMissing.join('、')}` : '',
    others
      ? `${uniqueMissing.length ? '另有' : '有'} ${others} 处需修改（${problems
          .filter((p) => !p.missing)
          .map((p) => p.label)
          .filter((l, i, a) => a.indexOf(l) === i)
          .join('、')}）`
      : '',
  ].filter(Boolean);
  const issues: ErrorIssue[] = problems.map((p) => ({ field: `record.${p.field}`, message: `${p.label}：${p.message}` }));
  return new AppError('VALIDATION_FAILED', 400, `${noun}还不能${verb}：${parts.join('；')}`, {
    issues,
    problems,
    missing: problems.filter((p) => p.missing).map(({ field, label }) => ({ field, label })),
  });
}

/** 409 with what happened since the version the editor started from. */
async function staleWrite(
  tx: Tx,
  adapter: { type: ContentEntityType; noun: string; labels: Record<string, string> },
  id: number,
  current: number,
  base: number,
): Promise<AppError> {
  const since = base < current ? await versionsSince(tx, adapter.type, id, base, adapter.labels) : [];
  const who = [...new Set(since.map((v) => v.editor?.name).filter(Boolean))];
  return new AppError(
    'CONFLICT',
    409,
    `这份${adapter.noun}已被${who.length ? who.join('、') : '其他人'}修改（当前为第 ${current} 版，您编辑的是第 ${base} 版），请刷新后在最新版本上修改`,
    { currentVersion: current, baseVersion: base, changedSince: since },
  );
}

async function loadOr404<S extends Snapshot & { status: ContentStatus }>(
  tx: Tx,
  adapter: EntityAdapter<S>,
  id: number,
): Promise<Loaded<S>> {
  const loaded = await adapter.load(tx, id);
  if (!loaded) throw new NotFoundError(`没有找到这份${adapter.noun}`);
  return loaded;
}

async function checkBase(
  tx: Tx,
  adapter: EntityAdapter<never>,
  id: number,
  current: number,
  base: number | undefined,
  required: boolean,
): Promise<void> {
  if (base === undefined) {
    if (required) {
      throw new ValidationError([
        { field: 'body.baseVersion', message: '请带上所编辑的版本号：请求体 baseVersion，或 If-Match: "v<版本号>"' },
      ]);
    }
    return;
  }
  if (base !== current) throw await staleWrite(tx, adapter, id, current, base);
}

export type Outcome = { id: number; version: number; changed: string[] };

/**
 * A new record at version 1. Created published (imports only), it must be
 * publishable; it counts as reviewed unless `review: false` (an import loads
 * data, nobody has read each record). With `history: false` (the seed) no
 * version row is written yet: like content older than versioning, the first
 * edit records its state as the baseline.
 */
export async function createEntity<S extends EditableRecord>({
  ctx,
  input: { adapter, record: given, ...opts },
}: VerbArgs<{
  adapter: EntityAdapter<S>;
  record: S;
  action?: VersionAction;
  tx?: Tx;
  review?: boolean;
  history?: boolean;
}>): Promise<Outcome> {
  const editorId = editorIdOf(ctx);
  let record = given;
  const run = async (tx: Tx): Promise<Outcome> => {
    if (adapter.normalize) record = adapter.normalize(record);
    await adapter.check?.(tx, record, null);
    if (record.status === 'published') {
      const problems = adapter.publishProblems(record);
      if (problems.length) throw publishBlocked(adapter.noun, problems);
    }
    const at = ctx.now.toISOString();
    const id = await adapter.insert(tx, record, at);
    const changed =
      opts.history === false
        ? Object.keys(record)
        : await recordVersion(tx, ctx.config, {
            type: adapter.type,
            id,
            action: opts.action ?? 'create',
            editorId,
            at,
            before: null,
            after: record,
            version: 1,
          });
    await adapter.afterChange?.(tx, ctx.search, id, record, null);
    if (record.status === 'published' && opts.review !== false) await adapter.markReviewed?.(tx, id, at, editorId);
    return { id, version: 1, changed };
  };
  return opts.tx ? run(opts.tx) : withTransaction(ctx.db, run);
}

/**
 * Applies `patch` to the record. `base` is the version the editor started from
 * (required: an edit without it could silently undo someone else's).
 * A published record stays published, so the result must still be publishable.
 */
export async function updateEntity<S extends EditableRecord>({
  ctx,
  input: { adapter, id, patch, baseVersion: base, ...opts },
}: VerbArgs<{
  adapter: EntityAdapter<S>;
  id: number;
  patch: Partial<S>;
  baseVersion: number | undefined;
  action?: VersionAction;
  requireBase?: boolean;
  tx?: Tx;
}>): Promise<Outcome> {
  const run = async (tx: Tx): Promise<Outcome> => {
    const current = await loadOr404(tx, adapter, id);
    await checkBase(tx, adapter as EntityAdapter<never>, id, current.version, base, opts.requireBase ?? true);
    let next = { ...current.snapshot, ...stripUndefined(patch) } as S;
    if (adapter.normalize) next = adapter.normalize(next);
    const changed = changedFields(current.snapshot, next);
    if (changed.length === 0) return { id, version: current.version, changed };
    await adapter.check?.(tx, next, id);
    if (next.status === 'published') {
      const problems = adapter.publishProblems(next);
      if (problems.length)
        throw publishBlocked(
          adapter.noun,
          problems,
          current.snapshot.status === 'published' ? '按此修改（已发布的内容须保持完整）' : '发布',
        );
    }
    return store(tx, ctx, adapter, id, current, next, opts.action ?? 'update');
  };
  return opts.tx ? run(opts.tx) : withTransaction(ctx.db, run);
}

/** Publish or unpublish. Publishing checks everything; both count only when the status changes. */
export async function setStatus<S extends EditableRecord>({
  ctx,
  input: { adapter, id, status, baseVersion: base },
}: VerbArgs<{ adapter: EntityAdapter<S>; id: number; status: ContentStatus; baseVersion: number | undefined }>): Promise<Outcome> {
  return withTransaction(ctx.db, async (tx) => {
    const current = await loadOr404(tx, adapter, id);
    await checkBase(tx, adapter as EntityAdapter<never>, id, current.version, base, false);
    const at = ctx.now.toISOString();
    if (status === 'published') {
      let next = { ...current.snapshot, status } as S;
      if (adapter.beforePublish) next = adapter.beforePublish(next, ctx.now);
      const problems = adapter.publishProblems(next);
      if (problems.length) throw publishBlocked(adapter.noun, problems);
      await adapter.check?.(tx, next, id);
      // Publishing counts as a review, even when it was already published.
      await adapter.markReviewed?.(tx, id, at, editorIdOf(ctx));
      if (current.snapshot.status === 'published' && changedFields(current.snapshot, next).length === 0) {
        return { id, version: current.version, changed: [] };
      }
      return store(tx, ctx, adapter, id, current, next, 'publish');
    }
    if (current.snapshot.status === status) return { id, version: current.version, changed: [] };
    return store(tx, ctx, adapter, id, current, { ...current.snapshot, status } as S, 'unpublish');
  });
}

export async function markReviewed<S extends EditableRecord>({
  ctx,
  input: { adapter, id, baseVersion: base },
}: VerbArgs<{ adapter: EntityAdapter<S>; id: number; baseVersion: number | undefined }>): Promise<void> {
  await withTransaction(ctx.db, async (tx) => {
    const current = await loadOr404(tx, adapter, id);
    await checkBase(tx, adapter as EntityAdapter<never>, id, current.version, base, false);
    if (current.snapshot.status !== 'published') {
      throw new AppError('CONFLICT', 409, `草稿不需要核对：请发布后再标记为已核对（发布本身即算一次核对）`);
    }
    await adapter.markReviewed?.(tx, id, ctx.now.toISOString(), editorIdOf(ctx));
  });
}

async function store<S extends EditableRecord>(
  tx: Tx,
  ctx: ServiceContext,
  adapter: EntityAdapter<S>,
  id: number,
  current: Loaded<S>,
  next: S,
  action: VersionAction,
): Promise<Outcome> {
  const at = ctx.now.toISOString();
  const version = current.version + 1;
  await adapter.update(tx, id, next, version, at);
  const changed = await recordVersion(tx, ctx.config, {
    type: adapter.type,
    id,
    action,
    editorId: editorIdOf(ctx),
    at,
    before: current,
    after: next,
    version,
  });
  await adapter.afterChange?.(tx, ctx.search, id, next, current.snapshot);
  return { id, version, changed };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Link ids as stored: each once, ascending (the link tables' keys would refuse a repeat). */
export function uniqueIds(ids: number[]): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}
