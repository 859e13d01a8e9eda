-- Full-text index for Chinese search. Tokens are produced in application code
-- (jieba words + character bigrams/unigrams + pinyin, see src/services/search/tokenize.ts):
-- unicode61 alone would treat a whole run of Han characters as one token, and
-- trigram cannot match two-character words such as 社保 or 户口.
-- rowid = search_docs.id. `kind` holds 'item' or 'policy' so a type filter stays
-- inside the FTS query (ORDER BY rank LIMIT n then never ranks the other type).
-- Prefix indexes make pinyin prefix queries (sheb*) cheap.
CREATE VIRTUAL TABLE `search_fts` USING fts5(
  `title`,
  `body`,
  `kind`,
  tokenize = 'unicode61 remove_diacritics 0',
  prefix = '2 3'
);
--> statement-breakpoint
-- rank = bm25 with title matches weighing ten times body matches; kind never scores.
INSERT INTO `search_fts` (`search_fts`, `rank`) VALUES ('rank', 'bm25(10.0, 1.0, 0.0)');
