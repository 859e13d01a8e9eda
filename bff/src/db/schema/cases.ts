import type { CaseState, MessageType } from '@zw/shared';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { departments } from './departments';
import { citizens, staffUsers } from './people';

/** 诉求 (a citizen's message) and where it stands. */
export const cases = sqliteTable(
  'cases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Human-readable, e.g. QX2611230007 — printed, read over the phone. */
    trackingNo: text('tracking_no').notNull().unique(),
    /** scrypt hash of the query code given to the submitter (for following a case without an account). */
    queryCodeHash: text('query_code_hash').notNull(),
    type: text('type').$type<MessageType>().notNull(),
    state: text('state').$type<CaseState>().notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    targetType: text('target_type', { enum: ['department', 'item', 'window'] }).notNull(),
    targetId: integer('target_id').notNull(),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    /** 首问负责: who owns the case now (null until accepted, and after a transfer). */
    ownerId: integer('owner_id').references(() => staffUsers.id),
    citizenId: integer('citizen_id')
      .notNull()
      .references(() => citizens.id),
    anonymous: integer('anonymous', { mode: 'boolean' }).notNull(),
    contactName: text('contact_name'),
    /** AES-GCM ciphertext (PIPL Art. 51); shown only to the handler, on request, audited. */
    contactPhoneEnc: text('contact_phone_enc'),
    /** 138****8000, for lists. */
    contactPhoneMasked: text('contact_phone_masked'),
    consentAt: text('consent_at'),
    receivedAt: text('received_at').notNull(),
    dueAt: text('due_at').notNull(),
    firstReplyAt: text('first_reply_at'),
    answeredAt: text('answered_at'),
    closedAt: text('closed_at'),
    /** Set while awaiting 补正 (the clock is paused). */
    pausedAt: text('paused_at'),
    extensionUsed: integer('extension_used', { mode: 'boolean' }).notNull().default(false),
    reopenCount: integer('reopen_count').notNull().default(0),
    lastChasedAt: text('last_chased_at'),
    chaseCount: integer('chase_count').notNull().default(0),
    /** How the message reached us: online (mini-program or browser), or recorded by staff for a citizen at the counter or on the phone (帮办代办). */
    channel: text('channel', { enum: ['online', 'counter', 'phone'] })
      .notNull()
      .default('online'),
    /** The staff member who recorded a counter or phone message. */
    recordedBy: integer('recorded_by'),
    /** 电子监察: when the 黄牌 (due within a working day) and 红牌 (overdue) notices were queued; each once per case. */
    dueSoonNotifiedAt: text('due_soon_notified_at'),
    overdueNotifiedAt: text('overdue_notified_at'),
    /** When the citizen was invited to rate an answered case they had not rated (once). */
    ratingInvitedAt: text('rating_invited_at'),
    updatedAt: text('updated_at').notNull(),
    /** The last event of this case's trail, and an HMAC of its hash with the state, owner, department and deadline the row now has (services/trail.ts). */
    trailEventId: integer('trail_event_id'),
    trailHash: text('trail_hash'),
  },
  (t) => [
    // The staff inbox: a department's open cases by deadline.
    index('cases_inbox_idx').on(t.departmentId, t.state, t.dueAt),
    index('cases_owner_idx').on(t.ownerId, t.state, t.dueAt),
    // Supervisors: everything open, by deadline.
    index('cases_state_due_idx').on(t.state, t.dueAt),
    index('cases_citizen_idx').on(t.citizenId, t.receivedAt),
    index('cases_received_idx').on(t.receivedAt),
  ],
);

/**
 * The audit trail: every change, reply, note, chase and contact reveal.
 * Append-only — no API edits it, and database triggers (migration 0003)
 * refuse UPDATE and DELETE.
 */
export const caseEvents = sqliteTable(
  'case_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    at: text('at').notNull(),
    actorType: text('actor_type', { enum: ['citizen', 'staff', 'system'] }).notNull(),
    actorId: integer('actor_id'),
    action: text('action').notNull(),
    fromState: text('from_state').$type<CaseState>(),
    toState: text('to_state').$type<CaseState>(),
    /** public: the citizen sees it on the timeline; internal: staff only. */
    visibility: text('visibility', { enum: ['public', 'internal'] }).notNull(),
    body: text('body'),
    /** Before/after of what changed (department, owner, deadline…). */
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** HMAC chain: this row's content and the previous event of the same case (services/trail.ts). Null only for rows from before the chain. */
    hash: text('hash'),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.id)],
);

/** Photos are uploaded one per request (wx.uploadFile), then attached by id when the case is submitted. */
export const uploads = sqliteTable(
  'uploads',
  {
    id: text('id').primaryKey(),
    citizenId: integer('citizen_id')
      .notNull()
      .references(() => citizens.id),
    caseId: integer('case_id').references(() => cases.id),
    storageKey: text('storage_key').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('uploads_case_idx').on(t.caseId)],
);

/** Idempotency-Key of a submission, scoped to the citizen who sent it. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    citizenId: integer('citizen_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: text('status', { enum: ['in_flight', 'done'] }).notNull(),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    caseId: integer('case_id'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.citizenId, t.key] })],
);

/**
 * What the citizen accepted in requestSubscribeMessage for this case, per topic
 * (shared/src/reminders.ts). `credits` counts one-time consents not yet used;
 * each WeChat message spends one, and a case with none left offers 开启提醒 again.
 */
export const caseSubscriptions = sqliteTable(
  'case_subscriptions',
  {
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    topic: text('topic').notNull(),
    templateId: text('template_id').notNull(),
    credits: integer('credits').notNull().default(0),
    /** The last answer WeChat gave for this template: accept, reject, ban, filter — or exhausted after a 43101. */
    lastResult: text('last_result').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.topic] })],
);
