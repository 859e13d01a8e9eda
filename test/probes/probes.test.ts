import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/api';
import { root, startBuiltServer, type RunningServer } from '../support/server';

/**
 * The outside attack and fault test (issue 12), in the project at a size CI can
 * afford: the built server on loopback, each probe printing its figure. The
 * figures land in test/.output/probes.json; `pnpm bench` copies them into
 * BENCHMARKS.md. Run alone with `pnpm probes`.
 */
const figures: Record<string, unknown> = {};
const dir = mkdtempSync(join(tmpdir(), 'zw-probes-'));
const servers: RunningServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(root, 'test', '.output'), { recursive: true });
  writeFileSync(join(root, 'test', '.output', 'probes.json'), `${JSON.stringify({ at: new Date().toISOString(), figures }, null, 2)}\n`);
  console.warn(`probe figures: ${JSON.stringify(figures)}`);
});

async function server(env: Record<string, string> = {}) {
  const s = await startBuiltServer({ DEV_LOGIN: 'true', ...env });
  servers.push(s);
  return s;
}

const message = (deptId: number, n: number) => ({
  type: '咨询',
  target: { type: 'department', id: deptId },
  content: `第 ${n} 位群众咨询：办理居住证需要准备哪些材料，能否网上预约？`,
  anonymous: false,
  contact: { name: '测试群众', phone: '13800138000' },
  consent: true,
});

describe('probes against the built server', () => {
  it('50 concurrent submissions with one Idempotency-Key store one case', async () => {
    const s = await server();
    const { api, citizenToken, departmentId } = apiClient(() => s.url);
    const token = await citizenToken('probe-same-key');
    const mzj = await departmentId('mzj');
    const key = crypto.randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        api<{ id?: number }>('/api/cases', { method: 'POST', token, body: message(mzj, 1), headers: { 'idempotency-key': key } }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((st) => st === 201 || st === 409)).toBe(true);
    const ids = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.id));
    expect(ids.size).toBe(1);
    const mine = await api<{ total: number }>('/api/cases/mine', { token });
    expect(mine.body.total).toBe(1);
    figures.sameKey = { requests: 50, stored: mine.body.total, answered201: statuses.filter((x) => x === 201).length };
  });

  it('cross-user probes on every endpoint that names a case leak nothing', async () => {
    const s = servers[0]!;
    const { api, citizenToken, staffToken, departmentId } = apiClient(() => s.url);
    const owner = await citizenToken('probe-owner');
    const other = await citizenToken('probe-other');
    const secret = '秘密内容只属于提交人：家住清溪镇幸福路 8 号';
    const created = await api<{ id: number }>('/api/cases', {
      method: 'POST',
      token: owner,
      body: { ...message(await departmentId('mzj'), 2), content: secret },
      headers: { 'idempotency-key': crypto.randomUUID() },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const doc = (await api<{ paths: Record<string, Record<string, unknown>> }>('/api/openapi.json')).body;
    const callers = { other, rsStaff: await staffToken('rs_staff'), editor: await staffToken('editor'), none: '' };
    let probes = 0;
    const leaks: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!/\/(cases|follow-ups|ratings)\/\{id\}/.test(path)) continue;
      for (const method of Object.keys(ops)) {
        for (const [who, token] of Object.entries(callers)) {
          const res = await fetch(`${s.url}${path.replace('{id}', String(id))}`, {
            method: method.toUpperCase(),
            headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
            body: method === 'get' ? undefined : JSON.stringify({ action: 'accept', body: '探测', level: 5 }),
          });
          const text = await res.text();
          probes++;
          if (res.status < 400 || res.status >= 500 || text.includes(secret) || text.includes('13800138000'))
            leaks.push(`${who} ${method} ${path} → ${res.status}`);
        }
      }
    }
    expect(leaks, leaks.join('\n')).toEqual([]);
    expect(probes).toBeGreaterThan(30);
    figures.crossUser = { probes, leaks: leaks.length };
  });

  it('a fuzz run over every operation of the OpenAPI document gives no 5xx and always the error body', async () => {
    const s = servers[0]!;
    const doc = (await (await fetch(`${s.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    };
    const token = await apiClient(() => s.url).citizenToken('probe-fuzz');
    const ids = ['0', '-1', '0x1f', '1e3', ' 1', '+1', '99999999999', '%00', '..%2f', '１', 'null', encodeURIComponent('诉求')];
    const bodies: unknown[] = [
      null,
      1,
      'x',
      [],
      {},
      { a: 'x'.repeat(5000) },
      { id: -1, type: '投诉', content: { $ne: 1 } },
      [{}],
      { content: '\u0000\uffff\ud800' },
      true,
    ];
    let requests = 0;
    const bad: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) {
        for (let i = 0; i < 10; i++) {
          const url = `${s.url}${path.replace(/\{[^}]+\}/g, () => ids[(i * 7 + requests) % ids.length]!)}?page=${ids[i % ids.length]}&q=${encodeURIComponent('\'"<>')}`;
          const body =
            method === 'get' || method === 'head' ? undefined : i % 3 === 0 ? '{"unterminated' : JSON.stringify(bodies[i % bodies.length]);
          const res = await fetch(url, {
            method: method.toUpperCase(),
            headers: {
              'content-type': i % 4 === 3 ? 'text/plain' : 'application/json',
              ...(i % 2 ? { authorization: `Bearer ${token}` } : {}),
              'idempotency-key': `fuzz-${requests}`,
            },
            body,
          });
          requests++;
          const text = await res.text();
          if (res.status >= 500) bad.push(`${method} ${path} → ${res.status} ${text.slice(0, 120)}`);
          else if (res.status >= 400 && res.headers.get('content-type')?.includes('json')) {
            const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
            if (!parsed.error?.code || !parsed.error.message) bad.push(`${method} ${path} → ${res.status} without the error body`);
          }
        }
      }
    }
    expect(bad).toEqual([]);
    figures.fuzz = { operations: Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0), requests, fiveXx: 0 };
  }, 180_000);

  it('an outside writer holding the lock: reads stay fast, writes answer 503 BUSY with Retry-After, then go through', async () => {
    const s = servers[0]!;
    const path = s.dbUrl.slice('file:'.length);
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const D=require('libsql');const d=new D(${JSON.stringify(path)});d.exec('BEGIN IMMEDIATE');console.log('held');setTimeout(()=>{d.exec('COMMIT');process.exit(0)},4000)`,
      ],
      { cwd: join(root, 'bff'), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((r) => holder.stdout!.once('data', () => r()));
    const exited = once(holder, 'exit');
    const started = performance.now();
    const write = fetch(`${s.url}/api/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'probe-lock' }),
    }).then(async (r) => ({
      status: r.status,
      retryAfter: r.headers.get('retry-after'),
      body: (await r.json()) as { error?: { code: string } },
      ms: performance.now() - started,
    }));
    const reads: number[] = [];
    while (performance.now() - started < 2_500) {
      const t = performance.now();
      expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
      reads.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 50));
    }
    const w = await write;
    await exited;
    expect(w.status).toBe(503);
    expect(w.retryAfter).toBe('2');
    expect(w.body.error?.code).toBe('BUSY');
    const after = await fetch(`${s.url}/api/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'probe-lock' }),
    });
    expect(after.status).toBe(200);
    reads.sort((a, b) => a - b);
    const maxRead = reads.at(-1)!;
    expect(maxRead).toBeLessThan(300);
    figures.heldLock = {
      holdMs: 4000,
      reads: reads.length,
      healthP50Ms: +reads[reads.length >> 1]!.toFixed(1),
      healthMaxMs: +maxRead.toFixed(1),
      writeStatus: w.status,
      writeAnsweredAfterMs: Math.round(w.ms),
    };
  });

  it('kill -9 under load with client retries: no answered submission lost, none stored twice', async () => {
    const dbDir = mkdtempSync(join(dir, 'kill-'));
    const LIBSQL_URL = `file:${join(dbDir, 'kill.db')}`;
    let s = await server({ LIBSQL_URL });
    const base = () => s.url;
    const { api, citizenToken, departmentId } = apiClient(base);
    const mzj = await departmentId('mzj');
    const citizens = await Promise.all(Array.from({ length: 10 }, (_, i) => citizenToken(`probe-kill-${i}`)));
    const N = 150;
    const jobs = Array.from({ length: N }, (_, i) => ({
      i,
      key: crypto.randomUUID(),
      token: citizens[i % citizens.length]!,
      answered: null as string | null,
      tries: 0,
    }));
    let killed = false;
    let restarting: Promise<void> | null = null;
    const restart = async () => {
      s = await server({ LIBSQL_URL, PORT: new URL(s.url).port });
    };
    const submitOne = async (job: (typeof jobs)[number]) => {
      for (;;) {
        job.tries++;
        if (restarting) await restarting;
        try {
          const r = await api<{ trackingNo: string }>('/api/cases', {
            method: 'POST',
            token: job.token,
            body: message(mzj, job.i),
            headers: { 'idempotency-key': job.key },
          });
          if (r.status === 201) {
            job.answered = r.body.trackingNo;
            return;
          }
          if (r.status !== 409 && r.status !== 503) throw new Error(`unexpected ${r.status} ${JSON.stringify(r.body)}`);
        } catch (err) {
          if (err instanceof Error && err.message.startsWith('unexpected')) throw err;
          // The connection died with the server: retry with the same key.
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    let next = 0;
    const worker = async () => {
      while (next < N) {
        const job = jobs[next++]!;
        await submitOne(job);
        if (!killed && next >= N / 3) {
          killed = true;
          const old = s;
          old.proc.kill('SIGKILL');
          restarting = (async () => {
            await once(old.proc, 'exit');
            await restart();
            restarting = null;
          })();
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const answered = jobs.map((j) => j.answered!);
    expect(answered.every(Boolean)).toBe(true);
    const { createClient } = await import('@libsql/client');
    const db = createClient({ url: LIBSQL_URL });
    const stored = (await db.execute("SELECT tracking_no FROM cases WHERE content LIKE '第 % 位群众咨询%'")).rows.map((r) =>
      String(r.tracking_no),
    );
    db.close();
    const lost = answered.filter((t) => !stored.includes(t)).length;
    const duplicated = stored.length - new Set(stored).size + Math.max(0, stored.length - N);
    expect(lost).toBe(0);
    expect(stored.length).toBe(N);
    figures.killNine = {
      submissions: N,
      killedAfter: Math.round(N / 3),
      retries: jobs.reduce((n, j) => n + j.tries - 1, 0),
      lost,
      duplicated,
      stored: stored.length,
    };
  }, 180_000);
});
