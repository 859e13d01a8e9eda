// `pnpm --filter bff run import <file> [--type items|policies] [--format json|csv] [--dry-run]`
// (`run` is needed: `pnpm import` is a pnpm command of its own, which takes precedence over the script.)
// Imports guides or policy documents into LIBSQL_URL (migrating first), all or
// nothing, with the same checks and messages as POST /api/editor/import/{kind}.
// Exit codes: 0 imported (or checked, with --dry-run); 1 the file has errors,
// nothing imported; 2 wrong usage or unreadable file.
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ImportFormat, ImportKind } from '@zw/shared';
import { EnvError, parseEnv } from '../env';
import { openDb } from '../db/client';
import { ensureFileDbFolder } from '../db/file-db';
import { runMigrations } from '../db/migrate';
import { systemContext } from '../lib/service';
import { appConfig } from './config';
import { ImportInvalidError, importFile } from '../services/editor/import';
import { detectFormat } from '../services/editor/records';
import { createSearchService } from '../services/search';
import { jiebaSegmenter } from './segmenter';

const USAGE = `用法: pnpm --filter bff run import <文件> [--type items|policies] [--format json|csv] [--dry-run]
  文件       导出格式的 JSON 数组或 CSV（首行为字段名）；相对路径按运行命令时所在目录解析
  --type     items（办事指南，按事项编码）或 policies（政策文件，按文号）；默认按内容判断
  --format   json 或 csv；默认按扩展名判断
  --dry-run  只检查，不写入`;

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

/** items or policies, from the flag or from what the file holds (code → items, docNumber → policies). */
function detectKind(flag: string | undefined, text: string, format: ImportFormat): ImportKind | null {
  if (flag === 'items' || flag === 'policies') return flag;
  if (flag !== undefined) return null;
  const head = format === 'csv' ? (text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '') : text.slice(0, 4000);
  const hasCode =
    format === 'csv'
      ? head
          .split(',')
          .map((s) => s.trim().replace(/^"|"$/g, ''))
          .includes('code')
      : /"code"\s*:/.test(head);
  const hasDoc =
    format === 'csv'
      ? head
          .split(',')
          .map((s) => s.trim().replace(/^"|"$/g, ''))
          .includes('docNumber')
      : /"docNumber"\s*:/.test(head);
  if (hasCode && !hasDoc) return 'items';
  if (hasDoc && !hasCode) return 'policies';
  return null;
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      type: { type: 'string' },
      format: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (err) {
  fail(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`, 2);
}
if (args.values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [file, ...extra] = args.positionals;
if (!file || extra.length) fail(USAGE, 2);

// pnpm runs the script inside bff/: a relative path means relative to where the command was typed.
const base = process.env.INIT_CWD ?? process.cwd();
const path = isAbsolute(file) ? file : resolve(base, file);
let text: string;
try {
  text = readFileSync(path, 'utf8');
} catch (err) {
  fail(`读不到文件 ${path}：${err instanceof Error ? err.message : String(err)}`, 2);
}
const format = detectFormat({ format: args.values.format, filename: path });
if (!format) fail(`无法判断文件格式：请用 .json / .csv 扩展名，或加 --format json|csv\n\n${USAGE}`, 2);
const kind = detectKind(args.values.type, text, format);
if (!kind) fail(`无法判断导入的是办事指南还是政策文件：请加 --type items 或 --type policies\n\n${USAGE}`, 2);

let env;
try {
  env = parseEnv(process.env);
} catch (err) {
  if (err instanceof EnvError) fail(err.message, 2);
  throw err;
}
ensureFileDbFolder(env.LIBSQL_URL);
const { db, client } = await openDb({ url: env.LIBSQL_URL, authToken: env.LIBSQL_AUTH_TOKEN, busyTimeoutMs: env.DB_BUSY_TIMEOUT_MS });
let exitCode = 0;
try {
  await runMigrations(db);
  const search = createSearchService(jiebaSegmenter());
  const result = await importFile({
    ctx: systemContext({ db, search, config: appConfig(env) }),
    input: { kind, text, format, dryRun: args.values['dry-run'] },
  });
  const noun = kind === 'items' ? '办事指南' : '政策文件';
  console.log(
    `${result.dryRun ? '检查通过（未写入）' : '导入完成'}：${noun} ${result.total} 条，新增 ${result.created}，更新 ${result.updated}，无变化 ${result.unchanged}`,
  );
} catch (err) {
  if (!(err instanceof ImportInvalidError)) throw err;
  console.error(`导入失败：${path} 有 ${err.issues.length} 处错误，没有导入任何内容。`);
  for (const i of err.issues) console.error(`  第 ${i.line} 行${i.field ? ` ${i.field}` : ''}：${i.message}`);
  exitCode = 1;
} finally {
  client.close();
}
process.exit(exitCode);
