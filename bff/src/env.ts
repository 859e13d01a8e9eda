import { z } from 'zod';

/**
 * The whole configuration, parsed once at start. Nothing else reads process.env:
 * the Node entry passes the parsed result down.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** `file:` path for the embedded database, or `libsql://` / `http(s)://` for a libSQL server. */
  LIBSQL_URL: z
    .string()
    .regex(/^(file:|libsql:\/\/|https?:\/\/|wss?:\/\/)/, {
      error: '必须以 file:、libsql://、http(s):// 或 ws(s):// 开头',
    })
    .default('file:data/zhengwu.db'),
  LIBSQL_AUTH_TOKEN: z.string().min(1).optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Folder of the built H5 app to serve at `/`; empty to serve the API only. */
  STATIC_DIR: z.string().default('../miniapp/dist/h5'),
  /** Seed the demo county when the database has no content (default on for the embedded file). */
  SEED_ON_START: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
  /** Busy timeout for file databases, in milliseconds. */
  DB_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
});

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings from shells (`PORT= pnpm start`) mean "not set".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`配置有误 (invalid environment):\n${lines.join('\n')}`);
  }
  if (result.data.LIBSQL_URL.startsWith('file:') && result.data.LIBSQL_AUTH_TOKEN) {
    // Harmless, but usually means the operator meant to point at a server.
    console.warn('LIBSQL_AUTH_TOKEN is set but LIBSQL_URL is a local file; the token is ignored.');
  }
  return result.data;
}
