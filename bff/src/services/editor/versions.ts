import type { ContentEntityType, ContentVersion, ContentVersionDetail, VersionAction } from '@zw/shared';
import { and, asc, desc, eq, gt } from 'drizzle-orm';
import { contentVersions, staffUsers } from '../../db/schema';
import type { AppConfig } from '../../lib/ports';
import { appendContentVersion } from '../trail';
import type { Executor } from '../../db/tx';
import { NotFoundError } from '../../lib/errors';

/*
 * The content history (content_versions): one row per version of an entity,
 * written in the same transaction as the change it records.
 *
 * Not verbs: recordVersion and versionsSince run inside the engine's write
 * transaction and take it (an Executor); listVersions and getVersion are the
 * queries behind lifecycle.ts's contentVersions / contentVersion verbs.
 */

export type Snapshot = Record<string, unknown>;

/** JSON with object keys sorted, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Top-level fields whose values differ (in `after`'s key order, then any only in `before`). */
export function changedFields(before: Snapshot, after: Snapshot): string[] {
  const keys = [...Object.keys(after), ...Object.keys(before).filter((k) => !(k in after))];
  return keys.filter((k) => canonicalJson(before[k] ?? null) !== canonicalJson(after[k] ?? null));
}

export type VersionWrite = {
  type: ContentEntityType;
  id: number;
  action: VersionAction;
  editorId: number | null;
  at: string;
  /** The state before the change (null for a new entity) and its version number. */
  before: { snapshot: Snapshot; version: number; updatedAt: string } | null;
  after: Snapshot;
  /** The entity's new version number. */
  version: number;
};

/**
 * Appends the new version. Content that existed before versioning (seeded, or
 * older than migration 0005) has no row for its current version yet: a
 * `baseline` row records that state first, so history always shows where a
 * change started from.
 */
export async function recordVersion(tx: Executor, config: Pick<AppConfig, 'cipher' | 'contactKey'>, w: VersionWrite): Promise<string[]> {
  if (w.before) {
    const prior = await tx
      .select({ id: contentVersions.id })
      .from(contentVersions)
      .where(and(eq(contentVersions.entityType, w.type), eq(contentVersions.entityId, w.id), eq(contentVersions.version, w.before.version)))
      .get();
    if (!prior) {
      await appendContentVersion(tx, config, {
        entityType: w.type,
        entityId: w.id,
        version: w.before.version,
        action: 'baseline',
        editorId: null,
        at: w.before.updatedAt,
        changedFields: [],
        snapshot: w.before.snapshot,
      });
    }
  }
  const changed = w.before ? changedFields(w.before.snapshot, w.after) : Object.keys(w.after);
  await appendContentVersion(tx, config, {
    entityType: w.type,
    entityId: w.id,
    version: w.version,
    action: w.action,
    editorId: w.editorId,
    at: w.at,
    changedFields: changed,
    snapshot: w.after,
  });
  return changed;
}

const columns = {
  version: contentVersions.version,
  action: contentVersions.action,
  at: contentVersions.at,
  editorId: contentVersions.editorId,
  editorName: staffUsers.displayName,
  changedFields: contentVersions.changedFields,
};

type Row = {
  version: number;
  action: VersionAction;
  at: string;
  editorId: number | null;
  editorName: string | null;
  changedFields: string[];
};

function toVersion(r: Row, labels: Record<string, string>): ContentVersion {
  return {
    version: r.version,
    action: r.action,
    at: r.at,
    editor: r.editorId !== null ? { id: r.editorId, name: r.editorName ?? '' } : null,
    changedFields: r.changedFields,
    changedLabels: r.changedFields.map((f) => labels[f] ?? f),
  };
}

/** Newest first. */
export async function listVersions(
  db: Executor,
  type: ContentEntityType,
  id: number,
  labels: Record<string, string>,
): Promise<ContentVersion[]> {
  const rows = await db
    .select(columns)
    .from(contentVersions)
    .leftJoin(staffUsers, eq(staffUsers.id, contentVersions.editorId))
    .where(and(eq(contentVersions.entityType, type), eq(contentVersions.entityId, id)))
    .orderBy(desc(contentVersions.version));
  return rows.map((r) => toVersion(r, labels));
}

/** Versions after `version`, oldest first: what a stale edit would have overwritten. */
export async function versionsSince(
  db: Executor,
  type: ContentEntityType,
  id: number,
  version: number,
  labels: Record<string, string>,
): Promise<ContentVersion[]> {
  const rows = await db
    .select(columns)
    .from(contentVersions)
    .leftJoin(staffUsers, eq(staffUsers.id, contentVersions.editorId))
    .where(and(eq(contentVersions.entityType, type), eq(contentVersions.entityId, id), gt(contentVersions.version, version)))
    .orderBy(asc(contentVersions.version));
  return rows.map((r) => toVersion(r, labels));
}

export async function getVersion(
  db: Executor,
  type: ContentEntityType,
  id: number,
  version: number,
  labels: Record<string, string>,
): Promise<ContentVersionDetail> {
  const row = await db
    .select({ ...columns, snapshot: contentVersions.snapshot })
    .from(contentVersions)
    .leftJoin(staffUsers, eq(staffUsers.id, contentVersions.editorId))
    .where(and(eq(contentVersions.entityType, type), eq(contentVersions.entityId, id), eq(contentVersions.version, version)))
    .get();
  if (!row) throw new NotFoundError('没有这个版本（版本记录从第一次修改开始）');
  return { ...toVersion(row, labels), snapshot: row.snapshot };
}
