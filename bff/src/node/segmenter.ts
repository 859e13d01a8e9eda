import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { Segmenter } from '../services/search/tokenize';

/**
 * jieba (Rust, via napi) for Chinese word segmentation: the default dictionary
 * knows 社保, 身份证, 公积金 and the like. Loading the dictionary takes ~100 ms,
 * so one instance serves the process.
 */
export function jiebaSegmenter(): Segmenter {
  const jieba = Jieba.withDict(dict);
  return { cut: (text) => jieba.cut(text, false), cutForSearch: (text) => jieba.cutForSearch(text, false) };
}
