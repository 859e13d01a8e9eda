import { defaultErrorMessages, type ErrorCode, type ErrorIssue } from '@zw/shared';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * A failure the caller can act on. Services throw these; `app.onError` turns
 * them into `{ error: { code, message, details } }` with `status`. Anything
 * that is not an AppError is a bug: logged with the request id, answered 500.
 */
export class AppError extends Error {
  constructor(
    /** Only codes of the shared union: a code the clients cannot know about does not compile. */
    readonly code: ErrorCode,
    readonly status: ContentfulStatusCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? defaultErrorMessages[code]);
    this.name = 'AppError';
  }
}

export class NotFoundError extends AppError {
  constructor(message?: string) {
    super('NOT_FOUND', 404, message);
  }
}

export class ValidationError extends AppError {
  constructor(issues: ErrorIssue[], message?: string) {
    super('VALIDATION_FAILED', 400, message ?? summarise(issues), { issues });
  }
}

/** A message that names the first problem, so a citizen sees what to fix without opening details. */
function summarise(issues: ErrorIssue[]): string {
  const first = issues[0];
  if (!first) return defaultErrorMessages.VALIDATION_FAILED;
  const more = issues.length > 1 ? `（另有 ${issues.length - 1} 处）` : '';
  return `${first.field}：${first.message}${more}`;
}

/** zod issues → our stable shape, prefixing where the value came from (query, param, json). */
export function toIssues(source: string, issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): ErrorIssue[] {
  return issues.map((i) => ({
    field: [source, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
}
