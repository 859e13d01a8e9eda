import { describe, expect, it } from 'vitest';
import { jiebaSegmenter } from '../../node/segmenter';
import { bigrams, bodyTokens, buildMatch, normalise, parseQuery, titleTokens } from './tokenize';
import { highlight, snippetOf } from './snippet';

const segment = jiebaSegmenter();

describe('tokenize', () => {
  it('makes bigrams of Han runs', () => {
    expect(bigrams('社保卡')).toEqual(['社保', '保卡']);
    expect(bigrams('税')).toEqual(['税']);
  });

  it('normalises full-width letters and case', () => {
    expect(normalise('ＳＨＥＢＡＯ')).toBe('shebao');
  });

  it('puts characters, bigrams, pinyin and initials in the title', () => {
    const tokens = titleTokens(['居民身份证申领'], segment).split(' ');
    expect(tokens).toEqual(expect.arrayContaining(['身', '身份', '份证', 'shenfenzheng', 'sfz', 'jumin']));
  });

  it('keeps the body to bigrams and Latin words', () => {
    expect(bodyTokens(['户口本 A4 复印件']).split(' ').sort()).toEqual(['a4', '印件', '口本', '复印', '户口'].sort());
  });

  it('drops question words and keeps what is asked about', () => {
    expect(parseQuery('身份证丢了怎么办', segment).map((t) => t.text)).toEqual(['身份证']);
    expect(parseQuery('怎么办', segment).map((t) => t.text)).toEqual(['怎么办']);
    expect(parseQuery('税', segment).map((t) => t.text)).toEqual(['税']);
    expect(parseQuery('shebao 低保', segment).map((t) => t.kind)).toEqual(['han', 'latin']);
  });

  it('never lets query syntax through to FTS5', () => {
    const expr = buildMatch(parseQuery('a" OR title:* NEAR(', segment), 'all');
    expect(expr).toBe('"a"* AND "or"* AND "title"* AND "near"*');
    expect(buildMatch(parseQuery('！？', segment), 'all')).toBe('');
  });
});

describe('highlight', () => {
  it('marks every occurrence and keeps the text intact', () => {
    const segs = highlight('办低保，低保金', ['低保']);
    expect(segs.map((s) => s.text).join('')).toBe('办低保，低保金');
    expect(segs.filter((s) => s.hit).map((s) => s.text)).toEqual(['低保', '低保']);
  });

  it('cuts a window around the first hit', () => {
    const text = `${'甲'.repeat(200)}社保${'乙'.repeat(200)}`;
    const segs = snippetOf(text, ['社保'], 40);
    const joined = segs.map((s) => s.text).join('');
    expect(joined.startsWith('…')).toBe(true);
    expect(joined.endsWith('…')).toBe(true);
    expect(segs.some((s) => s.hit && s.text === '社保')).toBe(true);
  });
});
