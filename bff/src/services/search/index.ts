import type { SearchHit, SearchQuery, SearchResult } from '@zw/shared';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Executor } from '../../db/tx';
import type { VerbArgs } from '../../lib/service';
import { highlight, hitStrings, snippetOf } from './snippet';
import { bodyTokens, buildMatch, parseQuery, titleTokens, type QueryTerm, type Segmenter } from './tokenize';

export type SearchDoc = {
  type: 'item' | 'policy';
  id: number;
  title: string;
  keywords: string[];
  /** Codes and other title-level identifiers (事项编码, 文号). */
  identifiers: string[];
  /** Body fields in display order; the first ones are preferred for snippets. */
  body: string[];
  source: string;
  updatedAt: string;
};

export type SearchService = ReturnType<typeof createSearchService>;

type Row = {
  id: number;
  doc_type: 'item' | 'policy';
  doc_id: number;
  title: string;
  keywords: string;
  body: string;
  source: string;
  updated_at: string;
};

/**
 * Search over service items and policies. The index is written in the same
 * transaction as the content (indexDoc / removeDoc), never rebuilt per query.
 */
export function createSearchService(segment: Segmenter) {
  return {
    segment,

    async indexDoc(exec: Executor, doc: SearchDoc): Promise<void> {
      const bodyText = doc.body.filter(Boolean).join('\n');
      // all() rather than get(): drizzle's raw get() throws on an empty result.
      const [existing] = await exec.all<{ id: number }>(
        sql`SELECT id FROM search_docs WHERE doc_type = ${doc.type} AND doc_id = ${doc.id}`,
      );
      let rowid: number;
      if (existing) {
        rowid = existing.id;
        await exec.run(sql`UPDATE search_docs SET title = ${doc.title}, keywords = ${JSON.stringify(doc.keywords)},
          body = ${bodyText}, source = ${doc.source}, updated_at = ${doc.updatedAt} WHERE id = ${rowid}`);
        await exec.run(sql`DELETE FROM search_fts WHERE rowid = ${rowid}`);
      } else {
        const [inserted] = await exec.all<{ id: number }>(sql`INSERT INTO search_docs
          (doc_type, doc_id, title, keywords, body, source, updated_at)
          VALUES (${doc.type}, ${doc.id}, ${doc.title}, ${JSON.stringify(doc.keywords)}, ${bodyText}, ${doc.source}, ${doc.updatedAt})
          RETURNING id`);
        rowid = inserted!.id;
      }
      const title = titleTokens([doc.title, ...doc.keywords, ...doc.identifiers], segment);
      const body = bodyTokens(doc.body);
      await exec.run(sql`INSERT INTO search_fts (rowid, title, body, kind) VALUES (${rowid}, ${title}, ${body}, ${doc.type})`);
    },

    async removeDoc(exec: Executor, type: 'item' | 'policy', id: number): Promise<void> {
      const [existing] = await exec.all<{ id: number }>(sql`SELECT id FROM search_docs WHERE doc_type = ${type} AND doc_id = ${id}`);
      if (!existing) return;
      await exec.run(sql`DELETE FROM search_fts WHERE rowid = ${existing.id}`);
      await exec.run(sql`DELETE FROM search_docs WHERE id = ${existing.id}`);
    },

    /** The MATCH expression for a keyword filter on lists (all words required); null when nothing searchable. */
    matchExpression(q: string): string | null {
      const terms = parseQuery(q, segment);
      return terms.length ? buildMatch(terms, 'all') : null;
    },

    async search(db: Db, query: SearchQuery): Promise<SearchResult> {
      const terms = parseQuery(query.q, segment);
      const empty: SearchResult = { data: [], page: query.page, pageSize: query.pageSize, total: 0, query: query.q, relaxed: false };
      if (terms.length === 0) return empty;

      let relaxed = false;
      let match = buildMatch(terms, 'all');
      let total = await count(db, scoped(match, query.type));
      if (total === 0 && terms.length > 1) {
        // Nothing has every word: show what has some of them, and say so.
        relaxed = true;
        match = buildMatch(terms, 'any');
        total = await count(db, scoped(match, query.type));
      }
      if (total === 0) return { ...empty, relaxed };

      // Title (and alias) matches first, then body-only matches, each by bm25.
      // Two ranked queries instead of one sorted on "matched in title": FTS5
      // ranks only the rows each page needs from, and the title set is small.
      const titleExpr = scoped(`title : (${match})`, query.type);
      const titleTotal = await count(db, titleExpr);
      const offset = (query.page - 1) * query.pageSize;
      const picked: Array<{ rowid: number; inTitle: boolean }> = [];
      if (offset < titleTotal) {
        for (const r of await ranked(db, titleExpr, query.pageSize, offset)) picked.push({ rowid: r, inTitle: true });
      }
      const remaining = query.pageSize - picked.length;
      if (remaining > 0 && total > titleTotal) {
        const bodyExpr = scoped(`(${match}) NOT (title : (${match}))`, query.type);
        for (const r of await ranked(db, bodyExpr, remaining, Math.max(0, offset - titleTotal))) picked.push({ rowid: r, inTitle: false });
      }
      if (picked.length === 0) return { ...empty, total, relaxed };

      const docs = await db.all<Row>(sql`SELECT id, doc_type, doc_id, title, keywords, body, source, updated_at FROM search_docs
        WHERE id IN (${sql.join(
          picked.map((p) => sql`${p.rowid}`),
          sql`, `,
        )})`);
      const byId = new Map(docs.map((d) => [d.id, d]));
      const data = picked.flatMap((p) => {
        const d = byId.get(p.rowid);
        return d ? [toHit(d, p.inTitle, terms, segment)] : [];
      });
      return { data, page: query.page, pageSize: query.pageSize, total, query: query.q, relaxed };
    },
  };
}

/** GET /api/search: items and policies, title matches first (the verb over the search port). */
export function searchContent({ ctx, input }: VerbArgs<SearchQuery>): Promise<SearchResult> {
  return ctx.search.search(ctx.db, input);
}

/** Restrict an expression to one document type inside FTS5 (the `kind` column). */
function scoped(expr: string, type: SearchQuery['type']): string {
  return type === 'all' ? `(${expr})` : `(${expr}) AND kind : ${type}`;
}

async function count(db: Db, match: string): Promise<number> {
  const [row] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH ${match}`);
  return row?.n ?? 0;
}

async function ranked(db: Db, match: string, limit: number, offset: number): Promise<number[]> {
  const rows = await db.all<{ rowid: number }>(
    sql`SELECT rowid FROM search_fts WHERE search_fts MATCH ${match} ORDER BY rank LIMIT ${limit} OFFSET ${offset}`,
  );
  return rows.map((r) => r.rowid);
}

function toHit(r: Row, inTitle: boolean, terms: QueryTerm[], segment: Segmenter): SearchHit {
  const keywords = JSON.parse(r.keywords) as string[];
  const titleHits = hitStrings(terms, [r.title], segment);
  const keywordHits = hitStrings(terms, keywords, segment);
  const matchedIn = inTitle ? 'title' : 'body';
  let snippet;
  if (matchedIn === 'title' && titleHits.length === 0 && keywordHits.length > 0) {
    // Found through an alias (社保 → 社会保障卡申领): show which one.
    const matched = keywords.filter((k) => keywordHits.some((h) => k.includes(h)));
    snippet = highlight(`常用叫法：${matched.slice(0, 5).join('、')}`, keywordHits);
  } else {
    // Pinyin is resolved to Han words on the short title and aliases only;
    // those words, with the Han terms, are what the body snippet marks.
    const hanTerms = terms.filter((t) => t.kind === 'han');
    const bodyHits = [...new Set([...hitStrings(hanTerms, [r.body], segment), ...titleHits, ...keywordHits])];
    snippet = snippetOf(
      r.body,
      bodyHits.sort((a, b) => b.length - a.length),
    );
  }
  return {
    type: r.doc_type,
    id: r.doc_id,
    title: highlight(r.title, titleHits),
    snippet,
    matchedIn,
    source: r.source,
    updatedAt: r.updated_at,
  };
}
