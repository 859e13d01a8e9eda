// The probe figures (test/probes, `pnpm probes`, also part of `pnpm test`) as a BENCHMARKS.md section.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Figures = {
  sameKey?: { requests: number; stored: number; answered201: number };
  crossUser?: { probes: number; leaks: number };
  fuzz?: { operations: number; requests: number; fiveXx: number };
  heldLock?: { holdMs: number; reads: number; healthP50Ms: number; healthMaxMs: number; writeStatus: number; writeAnsweredAfterMs: number };
  killNine?: { submissions: number; killedAfter: number; retries: number; lost: number; duplicated: number; stored: number };
};

export function probesSection(root: string): string[] {
  const file = join(root, 'test', '.output', 'probes.json');
  if (!existsSync(file)) return ['### Probes', '', 'No probe figures: run `pnpm probes` (or `pnpm test`) before `pnpm bench`.', ''];
  const { at, figures: f } = JSON.parse(readFileSync(file, 'utf8')) as { at: string; figures: Figures };
  const rows: string[] = [];
  if (f.sameKey)
    rows.push(
      `| ${f.sameKey.requests} concurrent submissions, one Idempotency-Key | cases stored: **${f.sameKey.stored}**; answered 201 (the same case): ${f.sameKey.answered201} |`,
    );
  if (f.killNine)
    rows.push(
      `| kill -9 after ${f.killNine.killedAfter} of ${f.killNine.submissions} submissions (8 clients, retrying with the same key), restart on the same file | lost **${f.killNine.lost}**, duplicated **${f.killNine.duplicated}**, stored ${f.killNine.stored}, client retries ${f.killNine.retries} |`,
    );
  if (f.crossUser)
    rows.push(
      `| another citizen, another department's staff, an editor and nobody on every endpoint that names a case | ${f.crossUser.probes} probes, leaks **${f.crossUser.leaks}** |`,
    );
  if (f.fuzz)
    rows.push(
      `| fuzz: 10 malformed requests per operation of the OpenAPI document | ${f.fuzz.operations} operations, ${f.fuzz.requests} requests, 5xx **${f.fuzz.fiveXx}** |`,
    );
  if (f.heldLock)
    rows.push(
      `| another process holds the write lock for ${f.heldLock.holdMs / 1000} s | /api/health p50 ${f.heldLock.healthP50Ms} ms, max **${f.heldLock.healthMaxMs} ms** over ${f.heldLock.reads} reads; a write answered **${f.heldLock.writeStatus}** BUSY after ${f.heldLock.writeAnsweredAfterMs} ms |`,
    );
  return [
    '### Probes (the outside attack and fault test, at CI size)',
    '',
    `From \`pnpm probes\` on ${at}, the built server on 127.0.0.1.`,
    '',
    '| probe | figure |',
    '|---|---|',
    ...rows,
    '',
  ];
}

// Run directly: puts the current figures into BENCHMARKS.md in place of its probes section.
if (process.argv[1]?.endsWith('probes-section.ts')) {
  const root = join(import.meta.dirname, '..', '..');
  const path = join(root, 'BENCHMARKS.md');
  const md = readFileSync(path, 'utf8');
  const section = probesSection(root).join('\n');
  const start = md.indexOf('### Probes');
  const next = start < 0 ? -1 : md.indexOf('\n### ', start + 1);
  const out = start < 0 ? `${md.trimEnd()}\n\n${section}` : `${md.slice(0, start)}${section}${next < 0 ? '' : md.slice(next + 1)}`;
  writeFileSync(path, out.endsWith('\n') ? out : `${out}\n`);
}
