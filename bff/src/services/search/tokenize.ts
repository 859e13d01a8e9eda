import { pinyin } from 'pinyin-pro';

/**
 * Chinese text → tokens for the FTS5 `unicode61` tokenizer (space-separated).
 *
 * unicode61 would index a whole run of Han characters as one token, so we
 * emit the pieces ourselves:
 *  - character bigrams (title and body): any query of two or more characters
 *    becomes an AND of its bigrams, so 社保, 户口, 低保 match without a dictionary,
 *    and longer words match wherever their characters sit together;
 *  - single characters (title only): one-character queries such as 税;
 *  - pinyin of every word jieba finds, plus the whole title's pinyin, in full
 *    and as initials (title only): shebao, sfz, shbzk.
 * The segmenter (jieba) is passed in so this module has no native dependency.
 */
export type Segmenter = {
  /** Most likely segmentation (for queries): 居民身份证 | 申领. */
  cut(text: string): string[];
  /** Also the shorter words inside longer ones (for indexing): 居民, 身份, 身份证, 居民身份证, 申领. */
  cutForSearch(text: string): string[];
};

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_RUN = /[a-z0-9]+/g;

/**
 * Full-width → half-width ASCII and lower case: what a phone keyboard might send
 * vs what we stored. Length-preserving on purpose, so positions found in the
 * normalised text are positions in the original (for highlighting).
 */
export function normalise(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .toLowerCase();
}

function hanRuns(text: string): string[] {
  return text.match(HAN_RUN) ?? [];
}

export function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/**
 * Pinyin of a word, memoised: titles and aliases repeat the same words, and
 * highlighting a pinyin query asks for them on every hit. Bounded by clearing.
 */
const pinyinMemo = new Map<string, { full: string; initials: string }>();

function pinyinOf(word: string): { full: string; initials: string } {
  const hit = pinyinMemo.get(word);
  if (hit) return hit;
  if (pinyinMemo.size > 50_000) pinyinMemo.clear();
  const value = computePinyin(word);
  pinyinMemo.set(word, value);
  return value;
}

function computePinyin(word: string): { full: string; initials: string } {
  const full = pinyin(word, { toneType: 'none', type: 'array', nonZh: 'removed', v: true }).join('');
  const initials = pinyin(word, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' }).join('');
  return { full, initials };
}

/** Tokens for the title column: name, aliases, code. */
export function titleTokens(parts: string[], segment: Segmenter): string {
  const out = new Set<string>();
  for (const raw of parts) {
    const text = normalise(raw);
    for (const run of hanRuns(text)) {
      for (const ch of run) out.add(ch);
      for (const bg of bigrams(run)) out.add(bg);
      // Pinyin for each dictionary word and for the whole run, so both
      // "shebao" (alias 社保) and "shbzk" (社会保障卡) find the item.
      const words = new Set([run, ...segment.cutForSearch(run).filter((w) => HAN.test(w) && [...w].length >= 2)]);
      for (const w of words) {
        const { full, initials } = pinyinOf(w);
        if (full) out.add(full);
        if (initials.length >= 2) out.add(initials);
      }
    }
    for (const latin of text.match(LATIN_RUN) ?? []) out.add(latin);
  }
  return [...out].join(' ');
}

/** Tokens for the body column: bigrams and Latin words only (keeps the index small). */
export function bodyTokens(parts: string[]): string {
  const out: string[] = [];
  for (const raw of parts) {
    const text = normalise(raw);
    for (const run of hanRuns(text)) out.push(...bigrams(run));
    out.push(...(text.match(LATIN_RUN) ?? []));
  }
  return out.join(' ');
}

/** Words people add to a question that say nothing about what they look for. */
const STOP_WORDS = new Set([
  '的',
  '了',
  '吗',
  '呢',
  '啊',
  '吧',
  '怎么',
  '怎么办',
  '怎样',
  '如何',
  '哪里',
  '在哪',
  '在哪里',
  '什么',
  '需要',
  '要',
  '可以',
  '能',
  '去',
  '办',
  '我',
  '我要',
  '想',
  '多久',
  '多少',
  '哪些',
  '是',
  '有',
]);

export type QueryTerm = { kind: 'han'; text: string; tokens: string[] } | { kind: 'latin'; text: string };

/** A citizen's query → terms. Every term must match (AND); see buildMatch for the relaxed form. */
export function parseQuery(query: string, segment: Segmenter): QueryTerm[] {
  const text = normalise(query);
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  const add = (t: QueryTerm) => {
    if (!seen.has(t.text)) {
      seen.add(t.text);
      terms.push(t);
    }
  };
  for (const run of hanRuns(text)) {
    const words = segment.cut(run).filter((w) => HAN.test(w));
    const meaningful = words.filter((w) => !STOP_WORDS.has(w));
    const multiChar = meaningful.filter((w) => [...w].length >= 2);
    // Single characters only count when the query has nothing longer (税, 房):
    // in 身份证丢了 the 丢 would otherwise exclude every guide that says 遗失.
    const chosen = multiChar.length > 0 ? multiChar : meaningful.length > 0 ? meaningful : [run];
    for (const w of chosen) add({ kind: 'han', text: w, tokens: bigrams(w) });
  }
  for (const latin of text.match(LATIN_RUN) ?? []) add({ kind: 'latin', text: latin });
  return terms;
}

/** Quote a token for an FTS5 query string. Tokens never contain quotes, but we escape anyway. */
function quote(token: string): string {
  return `"${token.replaceAll('"', '""')}"`;
}

function termExpr(term: QueryTerm): string {
  if (term.kind === 'latin') {
    // Pinyin and codes match as prefixes: "sheb" finds "shebao".
    return `${quote(term.text)}*`;
  }
  const toks = term.tokens.map(quote);
  return toks.length === 1 ? toks[0]! : `(${toks.join(' AND ')})`;
}

/**
 * The FTS5 MATCH expression for a list of terms. The query text never reaches
 * SQL as syntax: only our quoted tokens do, and the expression is bound as a
 * parameter.
 */
export function buildMatch(terms: QueryTerm[], mode: 'all' | 'any'): string {
  return terms.map(termExpr).join(mode === 'all' ? ' AND ' : ' OR ');
}

export { pinyinOf };
