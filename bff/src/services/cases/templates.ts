import type { MessageType, ReplyTemplate } from '@zw/shared';
import { and, asc, eq, isNull, or } from 'drizzle-orm';
import type { z } from 'zod';
import { replyTemplates } from '../../db/schema';
import type { StaffArgs } from '../../lib/service';

/** 答复模板: the county-wide ones and the caller's department's, optionally of one message type. */
export async function listReplyTemplates({
  ctx,
  input: { type },
}: StaffArgs<{ type?: MessageType | undefined }>): Promise<{ data: z.infer<typeof ReplyTemplate>[] }> {
  const staff = ctx.actor;
  const data = await ctx.db
    .select({ id: replyTemplates.id, type: replyTemplates.type, title: replyTemplates.title, body: replyTemplates.body })
    .from(replyTemplates)
    .where(
      and(
        type ? eq(replyTemplates.type, type) : undefined,
        or(isNull(replyTemplates.departmentId), staff.departmentId ? eq(replyTemplates.departmentId, staff.departmentId) : undefined),
      ),
    )
    .orderBy(asc(replyTemplates.id));
  return { data };
}
