import { z } from 'zod';
import { DateOnly } from '../common';
import { ContentStatus, DraftDate, PolicyValidity } from './atoms';
import { codecs, draftText, field, text } from './field';

/** 政策文件 (a policy document). */
export const policyFields = {
  title: field({
    label: '文件标题',
    draft: draftText(200, '文件标题'),
    publish: text(200, '文件标题'),
    cell: 'text',
    form: codecs.trimmed,
    group: 'document',
  }),
  /** 文号, e.g. 青政办发〔2025〕12号. */
  docNumber: field({ label: '文号', draft: text(50, '文号'), cell: 'text', form: codecs.trimmed, group: 'document' }),
  issuer: field({
    label: '发文机关',
    draft: draftText(100, '发文机关'),
    publish: text(100, '发文机关'),
    empty: '',
    cell: 'text',
    form: codecs.trimmed,
    group: 'document',
  }),
  departmentId: field({
    label: '牵头部门',
    draft: z.number().int().positive().nullable(),
    empty: null,
    column: 'department',
    cell: 'nullable',
    form: codecs.same<number | null>(),
    group: 'document',
  }),
  issuedAt: field({
    label: '成文日期',
    draft: DraftDate,
    publish: DateOnly,
    empty: '',
    cell: 'text',
    form: codecs.trimmed,
    group: 'dates',
  }),
  effectiveAt: field({
    label: '施行日期',
    draft: DraftDate,
    publish: DateOnly,
    empty: '',
    cell: 'text',
    form: codecs.trimmed,
    group: 'dates',
  }),
  /** null = 长期有效 ('' on the form). */
  expiresAt: field({ label: '失效日期', draft: DateOnly.nullable(), empty: null, cell: 'nullable', form: codecs.nullable, group: 'dates' }),
  validity: field({
    label: '效力状态',
    draft: PolicyValidity,
    empty: '有效',
    cell: 'text',
    form: codecs.same<PolicyValidity>(),
    group: 'dates',
  }),
  summary: field({
    label: '摘要',
    draft: draftText(500, '摘要'),
    publish: text(500, '摘要'),
    empty: '',
    cell: 'text',
    form: codecs.text,
    group: 'text',
  }),
  /** Full text of the document (may be long). */
  body: field({
    label: '正文',
    draft: z.string().trim().max(50_000, { error: '正文不能超过 50000 字' }),
    empty: '',
    cell: 'text',
    form: codecs.text,
    group: 'text',
  }),
  status: field({ label: '状态', draft: ContentStatus, empty: 'draft', cell: 'text', group: 'system' }),
};

export const policyColumnLead = [
  'docNumber',
  'title',
  'issuer',
  'departmentId',
  'issuedAt',
  'effectiveAt',
  'expiresAt',
  'validity',
  'status',
] as const satisfies ReadonlyArray<keyof typeof policyFields>;
