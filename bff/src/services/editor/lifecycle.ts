import type { ContentStatus, ContentVersion, ContentVersionDetail } from '@zw/shared';
import type { Executor } from '../../db/tx';
import { NotFoundError } from '../../lib/errors';
import type { StaffArgs } from '../../lib/service';
import { markReviewed, setStatus, type EntityAdapter } from './engine';
import { getVersion, listVersions, type Snapshot } from './versions';

/*
 * The verbs every kind of versioned content shares — publish, unpublish,
 * review, its history — each returning the editor view the route sends.
 * A kind is its engine adapter plus how the editor page reads one record.
 */

export type EditableKind<S extends Snapshot & { status: ContentStatus }, V extends { version: number }> = {
  adapter: EntityAdapter<S>;
  /** The editor view (drafts included); null when there is no such record. Runs on any executor, so it is not a verb. */
  view(exec: Executor, id: number): Promise<V | null>;
};

type KindInput<S extends Snapshot & { status: ContentStatus }, V extends { version: number }> = {
  kind: EditableKind<S, V>;
  id: number;
  /** The version the editor started from (If-Match or the body); optional for these verbs. */
  baseVersion?: number | undefined;
};

/** The view of one record, or 404 naming the kind. */
export async function viewOr404<S extends Snapshot & { status: ContentStatus }, V extends { version: number }>(
  exec: Executor,
  kind: EditableKind<S, V>,
  id: number,
): Promise<V> {
  const view = await kind.view(exec, id);
  if (view === null) throw new NotFoundError(`没有找到这份${kind.adapter.noun}`);
  return view;
}

/** Publishing checks everything; publishing what is already published counts as a review. */
export async function publishContent<S extends Snapshot & { status: ContentStatus }, V extends { version: number }>({
  ctx,
  input: { kind, id, baseVersion },
}: StaffArgs<KindInput<S, V>>): Promise<V> {
  await setStatus({ ctx, input: { adapter: kind.adapter, id, status: 'published', baseVersion } });
  return viewOr404(ctx.db, kind, id);
}

export async function unpublishContent<S extends Snapshot & { status: ContentStatus }, V extends { version: number }>({
  ctx,
  input: { kind, id, baseVersion },
}: StaffArgs<KindInput<S, V>>): Promise<V> {
  await setStatus({ ctx, input: { adapter: kind.adapter, id, status: 'draft', baseVersion } });
  return viewOr404(ctx.db, kind, id);
}

export async function reviewContent<S extends Snapshot & { status: ContentStatus }, V extends { version: number }>({
  ctx,
  input: { kind, id, baseVersion },
}: StaffArgs<KindInput<S, V>>): Promise<V> {
  await markReviewed({ ctx, input: { adapter: kind.adapter, id, baseVersion } });
  return viewOr404(ctx.db, kind, id);
}

/** The history, newest first, with the current version (404 for a missing record). */
export async function contentVersions<S extends Snapshot & { status: ContentStatus }, V extends { version: number }>({
  ctx,
  input: { kind, id },
}: StaffArgs<KindInput<S, V>>): Promise<{ current: number; data: ContentVersion[] }> {
  const current = await viewOr404(ctx.db, kind, id);
  return { current: current.version, data: await listVersions(ctx.db, kind.adapter.type, id, kind.adapter.labels) };
}

export async function contentVersion<S extends Snapshot & { status: ContentStatus }, V extends { version: number }>({
  ctx,
  input: { kind, id, version },
}: StaffArgs<KindInput<S, V> & { version: number }>): Promise<ContentVersionDetail> {
  return getVersion(ctx.db, kind.adapter.type, id, version, kind.adapter.labels);
}
