import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './context';
import { toIssues, ValidationError } from './errors';

/**
 * Every resource router is made here so that a request failing its zod contract
 * is answered the same way everywhere: 400 VALIDATION_FAILED naming the field.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new ValidationError(toIssues(sourceName(result.target), result.error.issues));
      }
    },
  });
}

function sourceName(target: string): string {
  return target === 'param' ? 'path' : target === 'json' ? 'body' : target;
}
