// `pnpm bench`: drives the built BFF on loopback with autocannon and writes BENCHMARKS.md.
// Everything stays on 127.0.0.1 and every run is bounded in time.
import autocannon from 'autocannon';
import { execSync } from 'node:child_process';
import { probesSection } from './probes-section';
import { browserFiguresSection, measureBrowserFigures } from './browser-figures';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { root, startBuiltServer } from '../support/server';
import { randomUUID } from 'node:crypto';
import { beijingDate } from '@zw/shared';
import { generateItems } from './generate';
import { generateCases } from './cases';
import { smsConfigFor, smsEnvFor, startTencentSmsDouble } from '../../bff/test/support/tencent-sms-server';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;

type Result = { name: string; path: string; connections: number; rps: number; p50: number; p99: number; errors: number; non2xx: number };

async function drive(
  name: string,
  url: string,
  path: string,
  connections = CONNECTIONS,
  headers: Record<string, string> = {},
): Promise<Result> {
  const r = await autocannon({ url: `${url}${path}`, connections, duration: DURATION, pipelining: 1, headers });
  return { name, path, connections, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url} → ${res.status} ${await res.text()}`);
  return res.json() as Promise<any>;
}

/** Distinct submissions: every request a new Idempotency-Key and text, spread over many citizens. */
async function driveSubmissions(url: string, tokens: string[], departmentId: number): Promise<Result & { created: number }> {
  let n = 0;
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [
      {
        method: 'POST',
        path: '/api/cases',
        setupRequest: (req: any) => {
          const i = n++;
          req.headers = {
            'content-type': 'application/json',
            authorization: `Bearer ${tokens[i % tokens.length]}`,
            'idempotency-key': randomUUID().replaceAll('-', ''),
          };
          req.body = JSON.stringify({
            type: i % 3 === 0 ? '投诉' : '咨询',
            target: { type: 'department', id: departmentId },
            content: `压测第 ${i} 件：小区门口的路灯坏了一个多月，晚上老人出门很不方便。`,
            anonymous: i % 4 === 0,
            ...(i % 4 === 0 ? {} : { contact: { name: '王女士', phone: '13800138000' }, consent: true }),
          });
          return req;
        },
      },
    ],
  });
  return {
    name: 'submit a message (distinct keys)',
    path: '/api/cases',
    connections: CONNECTIONS,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
    created: r['2xx'],
  };
}

function row(r: Result, baseline?: Result) {
  const ratio = baseline ? `${((r.rps / baseline.rps) * 100).toFixed(0)}%` : '—';
  return `| ${r.name} | \`${decodeURIComponent(r.path)}\` | ${r.connections} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${ratio} | ${r.errors + r.non2xx} |`;
}

function dirSize(dir: string, filter: (f: string) => boolean = () => true): { raw: number; gzip: number; files: number } {
  let raw = 0;
  let gzip = 0;
  let files = 0;
  if (!existsSync(dir)) return { raw, gzip, files };
  for (const entry of readdirSync(dir, { recursive: true }) as string[]) {
    const p = join(dir, entry);
    if (!statSync(p).isFile() || !filter(p)) continue;
    const buf = readFileSync(p);
    raw += buf.length;
    gzip += gzipSync(buf).length;
    files++;
  }
  return { raw, gzip, files };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Reply → SMS notice latency, sequential samples on a fresh seeded server wired to the SMS double. */
async function measureNoticeLatency(samples = 30): Promise<{ n: number; p50: number; p99: number; max: number }> {
  const sms = await startTencentSmsDouble();
  const c = smsConfigFor(sms);
  const server = await startBuiltServer({ LOG_LEVEL: 'warn', ...smsEnvFor(sms) });
  try {
    // A citizen may leave only a few messages an hour: one signed-in citizen per five samples.
    const signIn = async (phone: string) => {
      await postJson(`${server.url}/api/auth/sms/code`, { phone });
      const code = sms.lastParamsFor(phone, c.templates.loginCode)![0]!;
      return (await postJson(`${server.url}/api/auth/sms/login`, { phone, code })).token as string;
    };
    const citizens: { phone: string; token: string }[] = [];
    for (let i = 0; i < Math.ceil(samples / 5); i++) {
      const phone = `1391234${String(9000 + i)}`;
      citizens.push({ phone, token: await signIn(phone) });
    }
    const staff = (await postJson(`${server.url}/api/auth/staff-login`, { username: 'mz_staff', password: 'qingxi-demo-2026' }))
      .token as string;
    const depts = (await (await fetch(`${server.url}/api/departments`)).json()) as { data: { id: number; code: string }[] };
    const mzj = depts.data.find((d) => d.code === 'mzj')!.id;
    const act = (id: number, body: object) =>
      postJson(`${server.url}/api/staff/cases/${id}/actions`, body, { authorization: `Bearer ${staff}` });
    const latencies: number[] = [];
    for (let i = 0; i < samples; i++) {
      const { phone, token: citizen } = citizens[Math.floor(i / 5)]!;
      const submitted = await postJson(
        `${server.url}/api/cases`,
        {
          type: '咨询',
          target: { type: 'department', id: mzj },
          content: `第 ${i} 件：请问高龄津贴每月什么时候发放，发到哪张卡上？`,
          anonymous: false,
          contact: { name: '李桂兰', phone },
          consent: true,
        },
        { authorization: `Bearer ${citizen}`, 'idempotency-key': randomUUID().replaceAll('-', '') },
      );
      await act(submitted.id, { action: 'accept' });
      // Replies come at any moment of the worker's cycle: start each sample at a random phase of the 2 s poll
      // (sequential samples would otherwise all start just after a poll and measure the worst case).
      await new Promise((r) => setTimeout(r, Math.random() * 2000));
      const t0 = Date.now();
      await act(submitted.id, { action: 'reply', body: '您好，高龄津贴每月 10 日前发放到本人社保卡。' });
      const deadline = t0 + 30_000;
      let at: number | undefined;
      while (at === undefined && Date.now() < deadline) {
        at = sms.messages.find((m) => m.templateId === c.templates.notice && m.params[0] === submitted.trackingNo)?.at;
        if (at === undefined) await new Promise((r) => setTimeout(r, 5));
      }
      if (at === undefined) throw new Error(`no SMS notice for ${submitted.trackingNo} within 30 s`);
      latencies.push(at - t0);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1)! };
  } finally {
    await server.stop();
    await sms.close();
  }
}

async function main() {
  const table: string[] = [];
  const header = '| scenario | path | conns | req/s | p50 ms | p99 ms | vs baseline | errors |\n|---|---|---|---|---|---|---|---|';

  // 1. Seed data (40 items): throughput of the main read routes against a trivial route in the same app.
  const server = await startBuiltServer({ LOG_LEVEL: 'warn' });
  const items = (await (await fetch(`${server.url}/api/items?pageSize=1`)).json()) as { data: { id: number }[] };
  const itemId = items.data[0]!.id;
  const results: Result[] = [];
  try {
    // Warm up (JIT, SQLite page cache) so the first scenario is not measured cold.
    await autocannon({ url: `${server.url}/api/items/${itemId}`, connections: CONNECTIONS, duration: 3 });
    await autocannon({ url: `${server.url}/api/health`, connections: CONNECTIONS, duration: 2 });
    const baseline = await drive('baseline (trivial route)', server.url, '/api/health');
    results.push(baseline);
    results.push(await drive('guide detail', server.url, `/api/items/${itemId}`));
    results.push(await drive('guide list (20)', server.url, '/api/items?page=1&pageSize=20'));
    results.push(await drive('search, 2 chars', server.url, `/api/search?q=${encodeURIComponent('社保')}`));
    results.push(await drive('search, 4 chars', server.url, `/api/search?q=${encodeURIComponent('营业执照')}`));
    results.push(await drive('search, pinyin', server.url, '/api/search?q=shebao'));
    table.push('### Seed database (40 items, 15 policies)', '', header, ...results.map((r, i) => row(r, i === 0 ? undefined : baseline)));
  } finally {
    await server.stop();
  }

  // 2. Search with 10,000 generated items, written through the real indexing path.
  const dir = mkdtempSync(join(tmpdir(), 'zw-bench-'));
  const dbUrl = `file:${join(dir, 'bench.db')}`;
  const gen = await generateItems(dbUrl, 10_000);
  const big = await startBuiltServer({ LOG_LEVEL: 'warn', LIBSQL_URL: dbUrl, SEED_ON_START: 'false' });
  const bigResults: Result[] = [];
  try {
    const baseline = await drive('baseline (trivial route)', big.url, '/api/health');
    bigResults.push(baseline);
    for (const [name, q] of [
      ['search, 2 chars', '社保'],
      ['search, 4 chars', '营业执照'],
      ['search, common word', '登记'],
      ['search, pinyin initials', 'sfz'],
    ] as const) {
      bigResults.push(await drive(`${name} — 1 client`, big.url, `/api/search?q=${encodeURIComponent(q)}`, 1));
      bigResults.push(await drive(`${name} — ${CONNECTIONS} clients`, big.url, `/api/search?q=${encodeURIComponent(q)}`));
    }
    bigResults.push(await drive('guide list, keyword filter', big.url, `/api/items?q=${encodeURIComponent('低保')}`));
    table.push(
      '',
      `### 10,000 items (generated in ${(gen.ms / 1000).toFixed(1)} s through the editing engine (the one write path): ${gen.items} items)`,
      '',
      header,
      ...bigResults.map((r, i) => row(r, i === 0 ? undefined : baseline)),
    );
  } finally {
    await big.stop();
  }

  // 3. Citizen messages: submissions with distinct keys on a fresh seeded database.
  const msgServer = await startBuiltServer({ LOG_LEVEL: 'warn', DEV_LOGIN: 'true' });
  let submissions: Result & { created: number };
  let stored: number;
  try {
    const depts = (await (await fetch(`${msgServer.url}/api/departments`)).json()) as { data: { id: number; code: string }[] };
    const mzj = depts.data.find((d) => d.code === 'mzj')!.id;
    const tokens: string[] = [];
    for (let i = 0; i < 400; i++) tokens.push((await postJson(`${msgServer.url}/api/auth/dev-login`, { name: `bench${i}` })).token);
    submissions = await driveSubmissions(msgServer.url, tokens, mzj);
    const staff = (await postJson(`${msgServer.url}/api/auth/staff-login`, { username: 'supervisor', password: 'qingxi-demo-2026' })).token;
    stored = (
      (await (
        await fetch(`${msgServer.url}/api/staff/cases?scope=all&pageSize=1`, { headers: { authorization: `Bearer ${staff}` } })
      ).json()) as { total: number }
    ).total;
  } finally {
    await msgServer.stop();
  }

  // 3b. From a staff reply to the SMS notice accepted by the provider (a local double of Tencent SMS API 3.0,
  // through the real adapter), with the default outbox worker (OUTBOX_POLL_MS unset: 2000 ms).
  const notice = await measureNoticeLatency();

  // 4. The staff inbox over 100,000 cases.
  const casesDir = mkdtempSync(join(tmpdir(), 'zw-bench-cases-'));
  const casesUrl = `file:${join(casesDir, 'cases.db')}`;
  const genCases = await generateCases(casesUrl, 100_000);
  const inboxServer = await startBuiltServer({ LOG_LEVEL: 'warn', LIBSQL_URL: casesUrl, SEED_ON_START: 'false' });
  const inboxResults: Result[] = [];
  try {
    const staff = (await postJson(`${inboxServer.url}/api/auth/staff-login`, { username: 'mz_staff', password: 'qingxi-demo-2026' })).token;
    const sup = (await postJson(`${inboxServer.url}/api/auth/staff-login`, { username: 'supervisor', password: 'qingxi-demo-2026' })).token;
    const auth = (t: string) => ({ authorization: `Bearer ${t}` });
    inboxResults.push(await drive('inbox: department, open, by deadline — 1 client', inboxServer.url, '/api/staff/cases', 1, auth(staff)));
    inboxResults.push(
      await drive(
        `inbox: department, open, by deadline — ${CONNECTIONS} clients`,
        inboxServer.url,
        '/api/staff/cases',
        CONNECTIONS,
        auth(staff),
      ),
    );
    inboxResults.push(
      await drive(
        'supervisor: all departments, overdue — 1 client',
        inboxServer.url,
        '/api/staff/cases?scope=all&overdue=true',
        1,
        auth(sup),
      ),
    );
    inboxResults.push(
      await drive(
        `supervisor: all departments, overdue — ${CONNECTIONS} clients`,
        inboxServer.url,
        '/api/staff/cases?scope=all&overdue=true',
        CONNECTIONS,
        auth(sup),
      ),
    );
    // The published figures over the same 100,000 cases: a year (public and supervisor) and one department's month.
    const today = beijingDate(Date.now());
    const yearAgo = beijingDate(Date.now() - 364 * 86_400_000);
    const monthAgo = beijingDate(Date.now() - 30 * 86_400_000);
    inboxResults.push(await drive('figures: public, a year — 1 client', inboxServer.url, `/api/stats?from=${yearAgo}&to=${today}`, 1));
    inboxResults.push(
      await drive('figures: supervisor, a year — 1 client', inboxServer.url, `/api/staff/stats?from=${yearAgo}&to=${today}`, 1, auth(sup)),
    );
    inboxResults.push(
      await drive(
        'figures: department, a month — 1 client',
        inboxServer.url,
        `/api/staff/stats?from=${monthAgo}&to=${today}`,
        1,
        auth(staff),
      ),
    );
  } finally {
    await inboxServer.stop();
  }
  table.push(
    '',
    '### Citizen messages',
    '',
    header,
    row(submissions),
    '',
    `${submissions.created} submissions were answered 201 within the ${DURATION} s window and ${stored} cases are stored afterwards: stored ≥ answered, none lost (the difference is requests still in flight when the load generator stopped counting).`,
    '',
    '### From a staff reply to the citizen’s notice',
    '',
    '| path | samples | p50 | p99 | max |',
    '|---|---|---|---|---|',
    `| reply → SMS accepted by the provider double (default worker, OUTBOX_POLL_MS 2000) | ${notice.n} | ${notice.p50} | ${notice.p99} | ${notice.max} |`,
    '',
    'Each sample: staff answer a case of a citizen signed in by SMS (POST …/actions `reply`); the time runs from just before that request to the moment the',
    'SMS double receives the SendSms call carrying the case’s tracking number. The notice is written to the outbox in the reply’s transaction and sent by',
    'the worker on its next poll, so the figure is the poll interval plus one send: set `OUTBOX_POLL_MS` lower for faster notices, higher for fewer polls.',
    '',
    `### Staff inbox and figures with ${genCases.cases.toLocaleString('en')} cases (generated in ${(genCases.ms / 1000).toFixed(1)} s)`,
    '',
    header,
    ...inboxResults.map((r) => row(r)),
  );

  // 5. Sizes.
  // WeChat counts the main package (everything outside packages/) and each subpackage separately.
  const weappDir = join(root, 'miniapp/dist/weapp');
  const weappMain = dirSize(weappDir, (f) => !f.startsWith(join(weappDir, 'packages') + '/'));
  const subpackages = existsSync(join(weappDir, 'packages'))
    ? readdirSync(join(weappDir, 'packages')).map((name) => ({ name, size: dirSize(join(weappDir, 'packages', name)) }))
    : [];
  // H5 first load: the scripts index.html loads before any page chunk.
  const h5Dir = join(root, 'miniapp/dist/h5');
  const indexHtml = existsSync(join(h5Dir, 'index.html')) ? readFileSync(join(h5Dir, 'index.html'), 'utf8') : '';
  const firstLoad = [...indexHtml.matchAll(/<script[^>]+src="\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  const firstLoadSize = firstLoad.reduce(
    (acc, f) => {
      const buf = readFileSync(join(h5Dir, f));
      return { raw: acc.raw + buf.length, gzip: acc.gzip + gzipSync(buf).length, files: acc.files + 1 };
    },
    { raw: 0, gzip: 0, files: 0 },
  );
  const h5js = dirSize(h5Dir, (f) => f.endsWith('.js'));
  const bff = dirSize(join(root, 'bff/dist'), (f) => f.endsWith('.js'));
  const sizes = [
    '| artefact | raw | gzip | files |',
    '|---|---|---|---|',
    `| weapp main package (budget 1 MB; WeChat limit 2 MB) | ${kb(weappMain.raw)} | ${kb(weappMain.gzip)} | ${weappMain.files} |`,
    ...subpackages.map((p) => `| weapp subpackage \`packages/${p.name}\` | ${kb(p.size.raw)} | ${kb(p.size.gzip)} | ${p.size.files} |`),
    `| H5 first-load JavaScript (${firstLoad.join(', ')}) | ${kb(firstLoadSize.raw)} | ${kb(firstLoadSize.gzip)} | ${firstLoadSize.files} |`,
    `| H5 JavaScript, all chunks | ${kb(h5js.raw)} | ${kb(h5js.gzip)} | ${h5js.files} |`,
    `| BFF bundle | ${kb(bff.raw)} | ${kb(bff.gzip)} | ${bff.files} |`,
  ];

  // 6. Browser figures (Lighthouse, slow 3G, offline, transfer) on a server of its own, after the load is over.
  const browserServer = await startBuiltServer({ LOG_LEVEL: 'warn' });
  let browser: string[];
  try {
    browser = browserFiguresSection(await measureBrowserFigures(browserServer.url));
  } finally {
    await browserServer.stop();
  }

  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const commit = (() => {
    try {
      return execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim();
    } catch {
      return 'uncommitted';
    }
  })();
  const md = [
    '# Benchmarks',
    '',
    `Written by \`pnpm bench\` on ${new Date().toISOString()} (commit ${commit}).`,
    `Machine: ${machine}. Server and load generator (autocannon) share the machine, on 127.0.0.1.`,
    `Each scenario runs ${DURATION} s; "conns" is the number of concurrent connections. Latencies in ms.`,
    'Every request goes through the whole app: request id, logging, secure headers, ETag. Public content answers (guides, lists, policies, halls) come from the',
    'content-version cache when unchanged (one version query per request); search, submissions and the inbox are computed for every request.',
    '',
    ...table,
    '',
    '### Sizes',
    '',
    ...sizes,
    '',
    ...browser,
    ...probesSection(root),
  ].join('\n');
  writeFileSync(join(root, 'BENCHMARKS.md'), md);
  // The report itself is the command's output.
  process.stdout.write(`${md}\n`);
}

await main();
