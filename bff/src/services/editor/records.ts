import {
  columnsOf as fileColumns,
  itemColumnLead,
  itemFields,
  policyColumnLead,
  policyFields,
  type CellKind,
  type Column,
  type ColumnName,
  type ImportFormat,
  type ImportIssue,
  type ImportKind,
} from '@zw/shared';
// The runtime-neutral builds (no Node streams or Buffer), so the app module stays portable.
import { parse } from 'csv-parse/browser/esm/sync';
import { stringify } from 'csv-stringify/browser/esm/sync';

/*
 * Import/export file formats, pure functions (no database).
 *
 * JSON: an array of records, one object per guide or policy, exactly as
 *   exported. A record may leave fields out: an existing record keeps them, a
 *   new one gets the empty-draft value.
 * CSV: a header row of field names (as exported; UTF-8, a BOM is written for
 *   Excel/WPS and ignored on import), one row per record. Columns may be left
 *   out, as fields in JSON. Cells:
 *     text                as is (an empty cell clears the field)
 *     numbers, 是/否       an empty cell leaves the field as it is
 *     lists of text       one entry per line inside the cell (conditions, keywords)
 *     lists of objects    JSON (legalBasis, procedure, materials, faq)
 *     fee                 three columns: fee.charged, fee.standard, fee.basis
 *     nullable            empty = none (onlineUrl, expiresAt, policy department)
 *
 * Line numbers are those of the file: for CSV the line where the row starts
 * (a quoted cell may span lines), for JSON the line where the object starts.
 */

export type RawRow = { line: number; values: Record<string, unknown> };
export type Parsed = { rows: RawRow[]; issues: ImportIssue[] };

/*
 * The columns come from the content model (@zw/shared content-model): each
 * field says its cell kind, so a new field is in the files without an edit
 * here, and a column name is typed by the field it comes from.
 */
export type ItemColumnName = ColumnName<typeof itemFields>;
export type PolicyColumnName = ColumnName<typeof policyFields>;

export const itemColumns: ReadonlyArray<Column<ItemColumnName>> = fileColumns(itemFields, itemColumnLead);
export const policyColumns: ReadonlyArray<Column<PolicyColumnName>> = fileColumns(policyFields, policyColumnLead);

export const columnsOf = (kind: ImportKind): ReadonlyArray<Column> => (kind === 'items' ? itemColumns : policyColumns);

/** The top-level fields a record of this kind may have (fee.* are one field, `fee`). */
export function fieldsOf(kind: ImportKind): Set<string> {
  return new Set(columnsOf(kind).map((c) => c.name.split('.')[0]!));
}

// ---------------------------------------------------------------- JSON

/** Start line of each element of the top-level array (text already known to be valid JSON). */
function elementLines(text: string): number[] {
  const starts: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let expecting = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n' || ch === '\uFEFF') continue;
    if (depth === 1 && expecting && ch !== ']') {
      starts.push(line);
      expecting = false;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      depth++;
      if (depth === 1 && ch === '[') expecting = true;
    } else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 1) expecting = true;
  }
  return starts;
}

/**
 * Where JSON text first goes wrong (an offset), or null when it is valid.
 * JSON.parse's messages do not always say where (V8 often quotes a snippet
 * instead), and an editor needs the line.
 */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n\uFEFF'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail();
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else fail();
        continue;
      }
      if (ch < ' ') fail();
      i++;
    }
    fail();
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail();
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail();
      }
    }
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    number();
  };
  try {
    value();
    ws();
    return i < text.length ? i : null;
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, text.length) : 0;
  }
}

function jsonErrorLine(text: string): number {
  const at = jsonErrorOffset(text) ?? 0;
  return text.slice(0, at).split('\n').length;
}

export function parseJsonRows(text: string, kind: ImportKind): Parsed {
  const clean = text.replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(clean);
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return { rows: [], issues: [{ line: jsonErrorLine(clean), field: '', message: `不是有效的 JSON：${reason}` }] };
  }
  if (!Array.isArray(data)) {
    return {
      rows: [],
      issues: [
        { line: 1, field: '', message: `JSON 文件应为数组：[ {…}, {…} ]，每个元素是一条${kind === 'items' ? '办事指南' : '政策文件'}` },
      ],
    };
  }
  const lines = elementLines(clean);
  const rows: RawRow[] = [];
  const issues: ImportIssue[] = [];
  const allowed = fieldsOf(kind);
  data.forEach((value, i) => {
    const line = lines[i] ?? 1;
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      issues.push({ line, field: '', message: '每个元素应为一个对象 {…}' });
      return;
    }
    const values = value as Record<string, unknown>;
    for (const key of Object.keys(values)) {
      if (!allowed.has(key)) issues.push({ line, field: key, message: `未知字段（可用字段：${[...allowed].join('、')}）` });
    }
    rows.push({ line, values: Object.fromEntries(Object.entries(values).filter(([k]) => allowed.has(k))) });
  });
  return { rows, issues };
}

// ---------------------------------------------------------------- CSV

const TRUE = new Set(['是', 'true', '1', 'y', 'yes', '收费']);
const FALSE = new Set(['否', 'false', '0', 'n', 'no', '不收费']);

/** One cell → its value; `undefined` when the cell leaves the field as it is. */
function decodeCell(kind: CellKind, raw: string): { value?: unknown; error?: string } {
  const cell = raw.trim();
  switch (kind) {
    case 'text':
      return { value: raw };
    case 'nullable':
      return { value: cell === '' ? null : cell };
    case 'int': {
      if (cell === '') return {};
      if (!/^-?\d+$/.test(cell)) return { error: `应为整数，实际为“${cell}”` };
      return { value: Number(cell) };
    }
    case 'bool': {
      if (cell === '') return {};
      const v = cell.toLowerCase();
      if (TRUE.has(v)) return { value: true };
      if (FALSE.has(v)) return { value: false };
      return { error: `应为“是”或“否”，实际为“${cell}”` };
    }
    case 'lines': {
      // A JSON array of text is what export writes when an entry has a line break of its own.
      if (cell.startsWith('[')) {
        try {
          const list: unknown = JSON.parse(cell);
          if (Array.isArray(list) && list.every((x) => typeof x === 'string')) return { value: list };
        } catch {
          /* an entry that merely starts with "[" */
        }
      }
      return {
        value:
          cell === ''
            ? []
            : cell
                .split(/\r?\n|\r/)
                .map((s) => s.trim())
                .filter(Boolean),
      };
    }
    case 'json': {
      if (cell === '') return { value: [] };
      try {
        return { value: JSON.parse(cell) };
      } catch {
        return { error: '应为 JSON 数组，如 [{"law":"《…》","articles":"第…条"}]' };
      }
    }
  }
}

/**
 * The line each non-empty CSV record starts on (1-based), following quotes:
 * a line break inside a quoted cell does not end the record. CRLF, LF and a
 * lone CR each count as one line break.
 */
export function recordStartLines(text: string): number[] {
  const starts: number[] = [];
  let line = 1;
  let start = 1;
  let inQuotes = false;
  let content = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const ch = text[i];
    const newline = ch === '\n' || ch === '\r';
    if (newline && ch === '\r' && text[i + 1] === '\n') i++;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      } else if (newline) line++;
      continue;
    }
    if (newline) {
      if (content) starts.push(start);
      line++;
      start = line;
      content = false;
      continue;
    }
    if (ch === '"') inQuotes = true;
    content = true;
  }
  if (content) starts.push(start);
  return starts;
}

export function parseCsvRows(text: string, kind: ImportKind): Parsed {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true }) as never;
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    return { rows: [], issues: [{ line: e.lines ?? 1, field: '', message: `CSV 格式错误：${e.message ?? String(err)}` }] };
  }
  // csv-parse's own line count drifts on CRLF inside quoted cells (Excel writes CRLF): count ourselves.
  const starts = recordStartLines(text);
  const lineOf = new Map(records.map((r, i) => [r, starts.length === records.length ? starts[i]! : r.info.lines]));
  const startLine = (r: (typeof records)[number]) => lineOf.get(r)!;
  const [head, ...body] = records;
  if (!head) return { rows: [], issues: [{ line: 1, field: '', message: '文件是空的：第一行应为表头（字段名）' }] };
  const columns = columnsOf(kind);
  const byName = new Map(columns.map((c) => [c.name, c]));
  const header = head.record.map((h) => h.trim());
  const issues: ImportIssue[] = [];
  const headLine = startLine(head);
  header.forEach((h, i) => {
    if (!byName.has(h))
      issues.push({
        line: headLine,
        field: h || `第 ${i + 1} 列`,
        message: `未知的列（可用列：${columns.map((c) => c.name).join('、')}）`,
      });
    else if (header.indexOf(h) !== i) issues.push({ line: headLine, field: h, message: '表头中重复出现' });
  });
  const key = kind === 'items' ? 'code' : 'docNumber';
  if (!header.includes(key)) issues.push({ line: headLine, field: key, message: `缺少 ${key} 列：按它判断是新增还是更新` });
  if (issues.length) return { rows: [], issues };

  const rows: RawRow[] = [];
  for (const r of body) {
    const line = startLine(r);
    if (r.record.length !== header.length) {
      issues.push({ line, field: '', message: `这一行有 ${r.record.length} 列，表头有 ${header.length} 列` });
      continue;
    }
    const values: Record<string, unknown> = {};
    header.forEach((name, i) => {
      const col = byName.get(name)!;
      const decoded = decodeCell(col.kind, r.record[i] ?? '');
      if (decoded.error) issues.push({ line, field: name, message: decoded.error });
      else if ('value' in decoded) {
        const [top, sub] = name.split('.');
        if (sub) values[top!] = { ...((values[top!] as object | undefined) ?? {}), [sub]: decoded.value };
        else values[name] = decoded.value;
      }
    });
    rows.push({ line, values });
  }
  return { rows, issues };
}

export function parseRows(text: string, kind: ImportKind, format: ImportFormat): Parsed {
  return format === 'json' ? parseJsonRows(text, kind) : parseCsvRows(text, kind);
}

// ---------------------------------------------------------------- export

function encodeCell(kind: CellKind, value: unknown): string {
  switch (kind) {
    case 'text':
      return String(value ?? '');
    case 'nullable':
      return value === null || value === undefined ? '' : String(value);
    case 'int':
      return String(value);
    case 'bool':
      return value ? '是' : '否';
    case 'lines': {
      const list = (value as string[]) ?? [];
      // An entry with a line break of its own cannot be one line: JSON keeps it whole.
      return list.some((s) => /[\r\n]/.test(s)) ? JSON.stringify(list) : list.join('\n');
    }
    case 'json':
      return JSON.stringify(value ?? []);
  }
}

export function toCsv(kind: ImportKind, records: Array<Record<string, unknown>>): string {
  const columns = columnsOf(kind);
  const rows = records.map((rec) =>
    columns.map((c) => {
      const [top, sub] = c.name.split('.');
      const v = sub ? (rec[top!] as Record<string, unknown> | undefined)?.[sub] : rec[c.name];
      return encodeCell(c.kind, v);
    }),
  );
  // BOM: Excel and WPS otherwise open UTF-8 Chinese as mojibake.
  return '\uFEFF' + stringify([columns.map((c) => c.name), ...rows], { record_delimiter: '\n' });
}

export function toJson(records: Array<Record<string, unknown>>): string {
  return `${JSON.stringify(records, null, 2)}\n`;
}

/** json or csv, from an explicit choice, a file name or a content type. */
export function detectFormat(hint: {
  format?: string | undefined;
  filename?: string | undefined;
  contentType?: string | undefined;
}): ImportFormat | null {
  if (hint.format === 'json' || hint.format === 'csv') return hint.format;
  const name = hint.filename?.toLowerCase() ?? '';
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.csv')) return 'csv';
  const type = hint.contentType?.toLowerCase() ?? '';
  if (type.includes('json')) return 'json';
  if (type.includes('csv')) return 'csv';
  return null;
}
