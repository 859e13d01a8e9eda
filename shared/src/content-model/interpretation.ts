import { z } from 'zod';
import { DateOnly } from '../common';
import { ContentStatus, DraftDate, Faq, InterpretationForm, KeyTerm } from './atoms';
import { codecs, draftText, field, text } from './field';

/*
 * 政策解读. 谁起草谁解读: the required parts of an interpretation. Interpretations
 * are edited through the API only (no import/export cells). The document it
 * interprets is fixed when it is created, so policyId is not on the form.
 */

export type TermRow = { term: string; definition: string };

export const interpretationFields = {
  policyId: field({ label: '所解读的文件', draft: z.number().int().positive(), group: 'document' }),
  title: field({
    label: '解读标题',
    draft: draftText(200, '解读标题'),
    publish: text(200, '解读标题'),
    form: codecs.trimmed,
    group: 'document',
  }),
  form: field({
    label: '解读形式',
    draft: InterpretationForm,
    empty: '文字解读',
    form: codecs.same<z.output<typeof InterpretationForm>>(),
    group: 'document',
  }),
  /** 解读机关/解读人 */
  interpreter: field({
    label: '解读机关',
    draft: draftText(100, '解读机关'),
    publish: text(100, '解读机关'),
    empty: '',
    form: codecs.trimmed,
    group: 'document',
  }),
  /** Empty in a draft: publishing sets the day it is published. */
  publishedAt: field({ label: '发布日期', draft: DraftDate, publish: DateOnly, empty: '', form: codecs.trimmed, group: 'document' }),
  background: field({
    label: '背景依据',
    draft: draftText(3000, '背景依据'),
    publish: text(3000, '背景依据'),
    empty: '',
    form: codecs.text,
    group: 'content',
  }),
  purpose: field({
    label: '出台目的',
    draft: draftText(2000, '出台目的'),
    publish: text(2000, '出台目的'),
    empty: '',
    form: codecs.text,
    group: 'content',
  }),
  mainPoints: field({
    label: '主要内容',
    draft: z.array(draftText(1000, '主要内容')),
    publish: z.array(text(1000, '主要内容')).min(1),
    empty: [],
    form: codecs.list,
    group: 'content',
  }),
  scope: field({
    label: '适用范围',
    draft: draftText(1000, '适用范围'),
    publish: text(1000, '适用范围'),
    empty: '',
    form: codecs.text,
    group: 'content',
  }),
  keyTerms: field({ label: '关键术语', draft: z.array(KeyTerm), empty: [], form: codecs.rows<TermRow>(), group: 'content' }),
  changes: field({ label: '新旧政策差异', draft: draftText(2000, '新旧政策差异'), empty: '', form: codecs.text, group: 'content' }),
  benefits: field({ label: '惠民举措', draft: draftText(2000, '惠民举措'), empty: '', form: codecs.text, group: 'content' }),
  qa: field({ label: '问答', draft: z.array(Faq), empty: [], form: codecs.rows<z.output<typeof Faq>>(), group: 'content' }),
  /** Linked guides' ids, typed on one line separated by 、，, or spaces. */
  itemIds: field({ label: '关联事项', draft: z.array(z.number().int().positive()), empty: [], form: codecs.ids, group: 'links' }),
  status: field({ label: '状态', draft: ContentStatus, empty: 'draft', group: 'system' }),
};
