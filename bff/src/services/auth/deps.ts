import type { Deps } from '../../lib/context';

/** What the auth verbs need from the request context (routes pass `c.var` plus the request id). */
export type AuthDeps = Pick<Deps, 'db' | 'config' | 'logger' | 'passwords' | 'now'> & { requestId?: string };
