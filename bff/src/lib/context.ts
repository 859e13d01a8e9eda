import type { Db } from '../db/client';
import type { SearchService } from '../services/search';
import type { Logger } from './logger';
import type { AppConfig, FileStorage, ImageProcessor, PasswordHasher, QrImages } from './ports';
import type { ServiceContext } from './service';

/** What every handler can reach through `c.var`. Built once per app. */
export type Deps = {
  db: Db;
  logger: Logger;
  search: SearchService;
  config: AppConfig;
  passwords: PasswordHasher;
  storage: FileStorage;
  images: ImageProcessor;
  qr: QrImages;
  /** The clock, so tests can move time (deadlines, reopen windows, backoff). */
  now: () => Date;
};

/** Who is calling, set by the auth middleware from the bearer token. */
/** openid is null for a citizen who signed in with a phone only. */
export type Citizen = { kind: 'citizen'; id: number; openid: string | null };
export type Staff = {
  kind: 'staff';
  id: number;
  role: 'staff' | 'supervisor' | 'editor' | 'admin';
  departmentId: number | null;
  name: string;
};

export type AppEnv = {
  Variables: Deps & {
    requestId: string;
    citizen?: Citizen;
    staff?: Staff;
    /** The services' context without the actor, built once per request by app.ts (lib/service.ts#ctxOf adds the actor). */
    ctx?: Omit<ServiceContext, 'actor'>;
  };
};
