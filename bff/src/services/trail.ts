import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { Client } from '@libsql/client';
import { caseEvents, cases, contentVersions } from '../db/schema';
import type { Executor } from '../db/tx';
import type { AppConfig } from '../lib/ports';

/**
 * The tamper-evident trail: every case event and every content version carries an
 * HMAC-SHA256 of its own content and of the previous row of the same case (or the
 * same record), and each case row carries an HMAC of its last event's hash with the
 * state, owner, department, deadline and pause it has now. The triggers of
 * migrations 0003/0008/0010 refuse UPDATE, DELETE, REPLACE and upserts on the trail
 * and a case change without its event; the chain finds what a trigger cannot stop
 * (someone who drops the triggers, or edits the file): `pnpm verify-trail` names the
 * first row that does not fit.
 *
 * Keyed, not a bare hash, so that whoever can write the file but does not hold the
 * server's CONTACT_KEY cannot recompute a consistent chain. Rotating CONTACT_KEY
 * therefore means the old rows no longer verify: keep the old key to verify them.
 */
type TrailConfig = Pick<AppConfig, 'cipher' | 'contactKey'>;

const hmac = (config: TrailConfig, message: string) => config.cipher.hmac(config.contactKey, `trail|${message}`);

type EventRow = typeof caseEvents.$inferInsert;
type VersionRow = typeof contentVersions.$inferInsert;
type CaseRow = typeof cases.$inferSelect;
type CaseHead = Pick<CaseRow, 'state' | 'ownerId' | 'dueAt' | 'departmentId' | 'pausedAt'>;

/** JSON columns as they are stored (drizzle writes JSON.stringify of the value), so verify can use the raw text. */
const stored = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/**
 * What an event's hash covers, in the stored form (JSON columns as their text): the
 * one definition, used when an event is written and when the trail is verified.
 */
type StoredEvent = {
  caseId: number;
  at: unknown;
  actorType: unknown;
  actorId?: unknown;
  action: unknown;
  fromState?: unknown;
  toState?: unknown;
  visibility: unknown;
  body?: unknown;
  data: string | null;
};
const eventHash = (config: TrailConfig, prevHash: string | null, e: StoredEvent) =>
  hmac(
    config,
    `event|${prevHash ?? ''}|${JSON.stringify([e.caseId, e.at, e.actorType, e.actorId ?? null, e.action, e.fromState ?? null, e.toState ?? null, e.visibility, e.body ?? null, e.data])}`,
  );

/** What a content version's hash covers, in the stored form; used when writing and when verifying. */
type StoredVersion = {
  entityType: unknown;
  entityId: number;
  version: number;
  action: unknown;
  editorId?: unknown;
  at: unknown;
  changedFields: string | null;
  snapshot: string | null;
};
const versionHash = (config: TrailConfig, prevHash: string | null, v: StoredVersion) =>
  hmac(
    config,
    `version|${prevHash ?? ''}|${JSON.stringify([v.entityType, v.entityId, v.version, v.action, v.editorId ?? null, v.at, v.changedFields, v.snapshot])}`,
  );

const headContent = (eventHash: string, c: CaseHead) =>
  `head|${eventHash}|${JSON.stringify([c.state, c.ownerId ?? null, c.dueAt, c.departmentId, c.pausedAt ?? null])}`;

export type CaseChange = {
  /** Columns of the case that change with this event. */
  set?: Partial<Omit<CaseRow, 'id' | 'trailEventId' | 'trailHash'>>;
  /** Optimistic guard on the case row (e.g. still in the state that was checked). */
  where?: SQL;
};

/**
 * The one way to write a case event, and the only way a case's state, owner,
 * department, deadline or pause change: the event is appended with its chained
 * hash, then the case row is updated with the change and its new head in the
 * same statement. Returns false when `where` no longer holds (the caller throws,
 * and the transaction takes the event back with it).
 */
export async function appendCaseEvent(
  tx: Executor,
  config: TrailConfig,
  event: Omit<EventRow, 'id' | 'hash'>,
  change: CaseChange = {},
): Promise<{ id: number; updated: boolean }> {
  const prev = await tx
    .select({ hash: caseEvents.hash })
    .from(caseEvents)
    .where(eq(caseEvents.caseId, event.caseId))
    .orderBy(desc(caseEvents.id))
    .limit(1)
    .get();
  const hash = await eventHash(config, prev?.hash ?? null, { ...event, data: stored(event.data) });
  const inserted = await tx
    .insert(caseEvents)
    .values({ ...event, hash })
    .returning({ id: caseEvents.id })
    .get();
  if (!inserted) throw new Error('case event insert returned no row');
  const current = await tx
    .select({ state: cases.state, ownerId: cases.ownerId, dueAt: cases.dueAt, departmentId: cases.departmentId, pausedAt: cases.pausedAt })
    .from(cases)
    .where(eq(cases.id, event.caseId))
    .get();
  if (!current) throw new Error(`case ${event.caseId} vanished while its event was written`);
  const next = { ...current, ...pickHead(change.set ?? {}) };
  const updated = await tx
    .update(cases)
    .set({ ...change.set, trailEventId: inserted.id, trailHash: await hmac(config, headContent(hash, next)) })
    .where(change.where ? and(eq(cases.id, event.caseId), change.where) : eq(cases.id, event.caseId))
    .returning({ id: cases.id });
  return { id: inserted.id, updated: updated.length > 0 };
}

function pickHead(set: Partial<CaseRow>): Partial<CaseHead> {
  const out: Partial<CaseHead> = {};
  for (const k of ['state', 'ownerId', 'dueAt', 'departmentId', 'pausedAt'] as const)
    if (k in set) (out as Record<string, unknown>)[k] = set[k];
  return out;
}

/** The one way to write a content version: appended with its hash chained to the record's previous version. */
export async function appendContentVersion(tx: Executor, config: TrailConfig, version: Omit<VersionRow, 'id' | 'hash'>): Promise<void> {
  const prev = await tx
    .select({ hash: contentVersions.hash })
    .from(contentVersions)
    .where(and(eq(contentVersions.entityType, version.entityType), eq(contentVersions.entityId, version.entityId)))
    .orderBy(desc(contentVersions.version))
    .limit(1)
    .get();
  const hash = await versionHash(config, prev?.hash ?? null, {
    ...version,
    changedFields: stored(version.changedFields),
    snapshot: stored(version.snapshot),
  });
  await tx.insert(contentVersions).values({ ...version, hash });
}

export type TrailBreak = { table: 'case_events' | 'content_versions' | 'cases'; id: number; reason: string };
export type TrailReport = {
  caseEvents: number;
  contentVersions: number;
  cases: number;
  /** Rows written before the chain existed (migration 0010): counted, not verifiable. */
  unsealed: number;
  /** The first row that does not fit, in table order; null when everything verifies. */
  firstBroken: TrailBreak | null;
  broken: number;
};

const PAGE = 2_000;

/**
 * Recomputes every chain and every case head. Reads in pages over the raw
 * columns (the stored JSON text, not a re-serialisation of it), so a change of a
 * single character anywhere is found.
 */
export async function verifyTrail(client: Client, config: TrailConfig): Promise<TrailReport> {
  const report: TrailReport = { caseEvents: 0, contentVersions: 0, cases: 0, unsealed: 0, firstBroken: null, broken: 0 };
  const fail = (b: TrailBreak) => {
    report.broken++;
    report.firstBroken ??= b;
  };
  const exec = async (sql: string, args: Array<string | number>) =>
    (await client.execute({ sql, args })).rows as unknown as Record<string, unknown>[];

  // Case events in id order; remembers each case's last hash for the heads. Rows without a hash are
  // legitimate only before the first row that has one (written before migration 0010): after it, a
  // row without a hash was put there by hand.
  const lastOf = new Map<number, { id: number; hash: string | null }>();
  let sealedSince = Infinity;
  for (let after = 0; ;) {
    const rows = await exec(
      `SELECT id, case_id, at, actor_type, actor_id, action, from_state, to_state, visibility, body, data, hash
         FROM case_events WHERE id > ? ORDER BY id LIMIT ${PAGE}`,
      [after],
    );
    if (!rows.length) break;
    for (const r of rows) {
      const id = Number(r.id);
      const caseId = Number(r.case_id);
      after = id;
      report.caseEvents++;
      const prev = lastOf.get(caseId);
      lastOf.set(caseId, { id, hash: (r.hash as string | null) ?? null });
      if (r.hash === null) {
        if (id > sealedSince) fail({ table: 'case_events', id, reason: `case ${caseId}: has no hash, written after the chain began` });
        else report.unsealed++;
        continue;
      }
      sealedSince = Math.min(sealedSince, id);
      const expected = await eventHash(config, prev?.hash ?? null, {
        caseId,
        at: r.at,
        actorType: r.actor_type,
        actorId: r.actor_id,
        action: r.action,
        fromState: r.from_state,
        toState: r.to_state,
        visibility: r.visibility,
        body: r.body,
        data: (r.data as string | null) ?? null,
      });
      if (expected !== r.hash) fail({ table: 'case_events', id, reason: `case ${caseId}: content or order does not match its hash` });
    }
  }

  // Case rows: their head must be the HMAC of their last event with what the row says now.
  for (let after = 0; ;) {
    const rows = await exec(
      `SELECT id, state, owner_id, due_at, department_id, paused_at, trail_event_id, trail_hash FROM cases WHERE id > ? ORDER BY id LIMIT ${PAGE}`,
      [after],
    );
    if (!rows.length) break;
    for (const r of rows) {
      const id = Number(r.id);
      after = id;
      report.cases++;
      const last = lastOf.get(id);
      if (!last) {
        fail({ table: 'cases', id, reason: 'has no events' });
        continue;
      }
      if (r.trail_hash === null && last.hash === null && last.id < sealedSince) continue; // from before the chain
      if (Number(r.trail_event_id) !== last.id) {
        fail({ table: 'cases', id, reason: `points at event ${String(r.trail_event_id)}, but its last event is ${last.id}` });
        continue;
      }
      const head = {
        state: r.state as CaseRow['state'],
        ownerId: (r.owner_id as number | null) ?? null,
        dueAt: r.due_at as string,
        departmentId: Number(r.department_id),
        pausedAt: (r.paused_at as string | null) ?? null,
      };
      if ((await hmac(config, headContent(last.hash ?? '', head))) !== r.trail_hash) {
        fail({ table: 'cases', id, reason: 'state, owner, department or deadline disagree with its trail' });
      }
    }
  }

  // Content versions, record by record in version order: no gap, no change.
  // Processed by record, not by id: where the chain began is looked up first.
  const firstSealed = (await exec('SELECT min(id) AS id FROM content_versions WHERE hash IS NOT NULL', []))[0]?.id;
  const versionsSealedSince = firstSealed === null || firstSealed === undefined ? Infinity : Number(firstSealed);
  let prevKey = '';
  let prevHash: string | null = null;
  let prevVersion = 0;
  for (let afterKey: [string, number, number] = ['', 0, 0]; ;) {
    const rows = await exec(
      `SELECT id, entity_type, entity_id, version, action, editor_id, at, changed_fields, snapshot, hash FROM content_versions
        WHERE (entity_type, entity_id, version) > (?, ?, ?) ORDER BY entity_type, entity_id, version LIMIT ${PAGE}`,
      afterKey,
    );
    if (!rows.length) break;
    for (const r of rows) {
      const key = `${String(r.entity_type)}:${Number(r.entity_id)}`;
      const version = Number(r.version);
      afterKey = [String(r.entity_type), Number(r.entity_id), version];
      report.contentVersions++;
      if (key !== prevKey) {
        prevKey = key;
        prevHash = null;
        prevVersion = version - 1; // the first kept version may be a baseline above 1
      }
      const id = Number(r.id);
      if (version !== prevVersion + 1) fail({ table: 'content_versions', id, reason: `${key}: version ${prevVersion + 1} is missing` });
      prevVersion = version;
      if (r.hash === null) {
        if (id > versionsSealedSince)
          fail({ table: 'content_versions', id, reason: `${key} version ${version}: has no hash, written after the chain began` });
        else report.unsealed++;
        prevHash = null;
        continue;
      }
      const expected = await versionHash(config, prevHash, {
        entityType: r.entity_type,
        entityId: Number(r.entity_id),
        version,
        action: r.action,
        editorId: r.editor_id,
        at: r.at,
        changedFields: (r.changed_fields as string | null) ?? null,
        snapshot: (r.snapshot as string | null) ?? null,
      });
      if (expected !== r.hash)
        fail({ table: 'content_versions', id, reason: `${key} version ${version}: content or order does not match its hash` });
      prevHash = r.hash as string;
    }
  }
  return report;
}
