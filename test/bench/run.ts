// `pnpm bench`: drives the built BFF on loopback with autocannon and writes BENCHMARKS.md.
// Everything stays on 127.0.0.1 and every run is bounded in time.
import autocannon from 'autocannon';
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { root, startBuiltServer } from '../support/server';
import { generateItems } from './generate';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;

type Result = { name: string; path: string; connections: number; rps: number; p50: number; p99: number; errors: number; non2xx: number };

async function drive(name: string, url: string, path: string, connections = CONNECTIONS): Promise<Result> {
  const r = await autocannon({ url: `${url}${path}`, connections, duration: DURATION, pipelining: 1 });
  return { name, path, connections, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
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

async function main() {
  const table: string[] = [];
  const header = '| scenario | path | conns | req/s | p50 ms | p99 ms | vs baseline | errors |\n|---|---|---|---|---|---|---|---|';

  // 1. Seed data (40 items): throughput of the main read routes against a trivial route in the same app.
  const server = await startBuiltServer({ LOG_LEVEL: 'warn' });
  const items = (await (await fetch(`${server.url}/api/items?pageSize=1`)).json()) as { data: { id: number }[] };
  const itemId = items.data[0]!.id;
  const results: Result[] = [];
  try {
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
      `### 10,000 items (generated in ${(gen.ms / 1000).toFixed(1)} s through the real upsert + index path: ${gen.items} items)`,
      '',
      header,
      ...bigResults.map((r, i) => row(r, i === 0 ? undefined : baseline)),
    );
  } finally {
    await big.stop();
  }

  // 3. Sizes.
  const weapp = dirSize(join(root, 'miniapp/dist/weapp'));
  const h5js = dirSize(join(root, 'miniapp/dist/h5'), (f) => f.endsWith('.js'));
  const bff = dirSize(join(root, 'bff/dist'), (f) => f.endsWith('.js'));
  const sizes = [
    '| artefact | raw | gzip | files |',
    '|---|---|---|---|',
    `| weapp package (all) | ${kb(weapp.raw)} | ${kb(weapp.gzip)} | ${weapp.files} |`,
    `| H5 JavaScript (all) | ${kb(h5js.raw)} | ${kb(h5js.gzip)} | ${h5js.files} |`,
    `| BFF bundle | ${kb(bff.raw)} | ${kb(bff.gzip)} | ${bff.files} |`,
  ];

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
    'Guide detail, lists and search go through the whole app: request id, logging, secure headers, ETag.',
    '',
    ...table,
    '',
    '### Sizes',
    '',
    ...sizes,
    '',
  ].join('\n');
  writeFileSync(join(root, 'BENCHMARKS.md'), md);
  console.log(md);
}

await main();
