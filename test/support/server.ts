import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..', '..');
export const builtServer = join(root, 'bff', 'dist', 'server.js');
export const builtH5 = join(root, 'miniapp', 'dist', 'h5');

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => done(port));
    });
  });
}

export type RunningServer = { url: string; dbUrl: string; proc: ChildProcess; logs: string[]; stop: () => Promise<void> };

/**
 * Starts the built BFF (`bff/dist/server.js`, as `pnpm start` does) on loopback
 * with a fresh temporary database file, and waits until it answers.
 */
export async function startBuiltServer(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  if (!existsSync(builtServer)) throw new Error(`${builtServer} is missing: run \`pnpm build\` first (pnpm test does).`);
  const dir = mkdtempSync(join(tmpdir(), 'zw-e2e-'));
  const port = extraEnv.PORT ? Number(extraEnv.PORT) : await freePort();
  const dbUrl = `file:${join(dir, 'e2e.db')}`;
  const logs: string[] = [];
  const proc = spawn(process.execPath, [...(process.env.SERVER_NODE_ARGS ? process.env.SERVER_NODE_ARGS.split(' ') : []), builtServer], {
    cwd: join(root, 'bff'),
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      LIBSQL_URL: dbUrl,
      STATIC_DIR: builtH5,
      LOG_LEVEL: 'info',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d) => logs.push(String(d)));
  proc.stderr!.on('data', (d) => logs.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited (${proc.exitCode}):\n${logs.join('')}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${logs.join('')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dbUrl,
    proc,
    logs,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
