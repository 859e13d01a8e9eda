import { index, integer, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';
import { cases } from './cases';
import { citizens, staffUsers } from './people';
import { serviceWindows } from './halls';
import { departments } from './departments';

/** 好差评: 1 非常不满意 … 5 非常满意. One per closed case; one per visit (citizen, window, local day) at a window. */
export const ratings = sqliteTable(
  'ratings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .references(() => cases.id)
      .unique(),
    windowId: integer('window_id').references(() => serviceWindows.id),
    /** Local date of a window visit (一次一评); null for case ratings. */
    visitDate: text('visit_date'),
    departmentId: integer('department_id').references(() => departments.id),
    citizenId: integer('citizen_id')
      .notNull()
      .references(() => citizens.id),
    level: integer('level').notNull(),
    comment: text('comment'),
    createdAt: text('created_at').notNull(),
    appealed: integer('appealed', { mode: 'boolean' }).notNull().default(false),
    appealReason: text('appeal_reason'),
    appealedAt: text('appealed_at'),
  },
  (t) => [
    unique('ratings_window_visit').on(t.citizenId, t.windowId, t.visitDate),
    index('ratings_department_idx').on(t.departmentId, t.createdAt),
  ],
);

/** 回访 after a bad rating, with its own deadline. */
export const followUps = sqliteTable(
  'follow_ups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ratingId: integer('rating_id')
      .notNull()
      .references(() => ratings.id)
      .unique(),
    departmentId: integer('department_id').references(() => departments.id),
    dueAt: text('due_at').notNull(),
    status: text('status', { enum: ['open', 'done'] }).notNull(),
    /** Who must make the call: a supervisor or staff of the department (null: anyone of the department). */
    assigneeId: integer('assignee_id'),
    /** Internal record of the call(s). */
    result: text('result'),
    /** reached: spoke to the citizen; unreachable: gave up after `attempts` tries. */
    outcome: text('outcome', { enum: ['reached', 'unreachable'] }),
    attempts: integer('attempts').notNull().default(0),
    /** The citizen's view after the call (satisfied now, still unsatisfied…), in their words or summarised. */
    citizenView: text('citizen_view'),
    /** Whether the rectification the bad rating asked for is done. */
    rectified: integer('rectified', { mode: 'boolean' }),
    /** What the citizen sees on their case: the public part of the outcome. */
    publicNote: text('public_note'),
    doneAt: text('done_at'),
    staffId: integer('staff_id').references(() => staffUsers.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('follow_ups_status_due_idx').on(t.status, t.dueAt)],
);
