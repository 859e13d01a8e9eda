import type { ServiceContext } from '../../lib/service';

/** What the auth verbs use of the service context; routes pass the whole request context (lib/service.ts). */
export type AuthDeps = Pick<ServiceContext, 'db' | 'config' | 'logger' | 'passwords' | 'now'>;
