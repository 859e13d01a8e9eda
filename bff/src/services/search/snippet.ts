import type { Snippet } from '@zw/shared';
import { bigrams, normalise, pinyinOf, type QueryTerm, type Segmenter } from './tokenize';

/**
 * The literal strings to emphasise in a document for these terms. Han terms
 * highlight as typed (or, when the words are split in the text, as their
 * bigrams); Latin terms (pinyin) highlight the Han words whose pinyin they start.
 */
export function hitStrings(terms: QueryTerm[], texts: string[], segment: Segmenter): string[] {
  const hits = new Set<string>();
  const joined = normalise(texts.join('\n'));
  for (const term of terms) {
    if (term.kind === 'han') {
      if (joined.includes(term.text)) hits.add(term.text);
      else for (const bg of bigrams(term.text)) if (joined.includes(bg)) hits.add(bg);
    } else {
      for (const text of texts) {
        for (const word of segment.cutForSearch(text)) {
          if (!/\p{Script=Han}/u.test(word)) {
            if (normalise(word).startsWith(term.text)) hits.add(word);
            continue;
          }
          const { full, initials } = pinyinOf(word);
          if (full.startsWith(term.text) || (term.text.length >= 2 && initials.startsWith(term.text))) hits.add(word);
        }
      }
    }
  }
  // Longest first, so 社保卡 wins over 社保 where both would match.
  return [...hits].sort((a, b) => b.length - a.length);
}

/** Split `text` into segments, marking every occurrence of the hit strings. */
export function highlight(text: string, hits: string[]): Snippet {
  if (hits.length === 0 || text === '') return [{ text, hit: false }];
  const lower = normalise(text);
  const marks = new Array<boolean>(text.length).fill(false);
  for (const h of hits) {
    let from = 0;
    for (;;) {
      const at = lower.indexOf(normalise(h), from);
      if (at < 0) break;
      for (let i = at; i < at + h.length; i++) marks[i] = true;
      from = at + Math.max(1, h.length);
    }
  }
  const out: Snippet = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || marks[i] !== marks[start]) {
      out.push({ text: text.slice(start, i), hit: marks[start] ?? false });
      start = i;
    }
  }
  return out;
}

/** A window of about `width` characters around the first hit in `text`, highlighted. */
export function snippetOf(text: string, hits: string[], width = 80): Snippet {
  const lower = normalise(text);
  let first = -1;
  for (const h of hits) {
    const at = lower.indexOf(normalise(h));
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  if (first < 0) {
    const head = text.length > width ? `${text.slice(0, width)}…` : text;
    return [{ text: head, hit: false }];
  }
  const start = Math.max(0, first - Math.floor(width / 4));
  const end = Math.min(text.length, start + width);
  const piece = (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '');
  return highlight(piece, hits);
}
