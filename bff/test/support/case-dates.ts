import type { Client } from '@libsql/client';

/**
 * Tests only: moves a case's dates as if time had passed. The database refuses a
 * bare `UPDATE cases SET due_at = …` (migration 0010: a case changes only with
 * the event that records it), so this writes the way the product does — an
 * internal `test_clock` event first, then the row pointing at it — in one
 * transaction. The event carries no HMAC: `verifyTrail` would (rightly) flag it.
 */
export async function setCaseDates(
  client: Pick<Client, 'batch'>,
  caseId: number,
  set: { dueAt?: string; receivedAt?: string },
): Promise<void> {
  const columns = Object.entries({ due_at: set.dueAt, received_at: set.receivedAt }).filter(([, v]) => v !== undefined) as Array<
    [string, string]
  >;
  await client.batch(
    [
      {
        sql: `INSERT INTO case_events (case_id, at, actor_type, actor_id, action, from_state, to_state, visibility, body, data)
              SELECT id, ?, 'system', NULL, 'test_clock', state, state, 'internal', NULL, ? FROM cases WHERE id = ?`,
        args: [new Date().toISOString(), JSON.stringify(set), caseId],
      },
      {
        sql: `UPDATE cases SET ${columns.map(([c]) => `${c} = ?`).join(', ')}, trail_event_id = last_insert_rowid() WHERE id = ?`,
        args: [...columns.map(([, v]) => v), caseId],
      },
    ],
    'write',
  );
}
