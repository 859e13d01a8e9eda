import type { Db } from '../db/client';
import type { Logger } from './logger';
import type { SearchService } from '../services/search';

/** What every handler can reach through `c.var`. Built once per app. */
export type Deps = {
  db: Db;
  logger: Logger;
  search: SearchService;
};

export type AppEnv = {
  Variables: Deps & { requestId: string };
};
