-- Full-text index for Chinese search. Tokens are produced in application code
-- (jieba words + character bigrams/unigrams + pinyin, see src/services/search/tokenize.ts):
-- unicode61 alone would treat a whole run of Han characters as one token, and
-- trigram cannot match two-character words such as 社保 or 户口.
-- rowid = search_docs.id. Prefix indexes make pinyin prefix queries (sheb*) cheap.
CREATE VIRTUAL TABLE `search_fts` USING fts5(
  `title`,
  `body`,
  tokenize = 'unicode61 remove_diacritics 0',
  prefix = '2 3'
);
