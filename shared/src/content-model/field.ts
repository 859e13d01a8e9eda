import { z } from 'zod';

/*
 * One field of a content kind, declared once with everything that depends on
 * it (Payload/Keystone style): its label, its draft and publish rules, how a
 * file cell holds it, how the editor form holds it, and where it is shown.
 * Schemas, labels, empty drafts, import/export columns and the form mapping
 * are derived from the kind's fields (derive.ts); nothing else lists them.
 */

/** How one import/export cell holds a value (see bff/src/services/editor/records.ts). */
export type CellKind = 'text' | 'int' | 'bool' | 'lines' | 'json' | 'nullable';

/** How the editor form holds a value `V` as `F` (what the inputs hold), both ways. */
// Method syntax on purpose: a codec of one field must fit the kind's list of codecs of any value.
export type FormCodec<V, F> = { toForm(value: V): F; fromForm(form: F): V };

/** `empty` of a field the editor gives when creating (code, name…): no empty-draft value. */
export const GIVEN: unique symbol = Symbol('given');
export type Given = typeof GIVEN;
/** `F` of a field the editor form does not hold (status changes by publish, link ids fixed at creation). */
export type NoForm = { readonly __noForm: true };

export type Field<
  D extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  F = unknown,
  E = unknown,
  C = unknown,
  N extends string = string,
  G extends string = string,
> = {
  /** 中文字段名, as the editor page and the server's messages name it. */
  label: string;
  /** Title on the citizen's page, when it differs from the label. */
  pageTitle?: string;
  /** Label printed on the 明白纸, when it differs from the label. */
  printLabel?: string;
  /** What a draft may hold: the right type and length, empty allowed. */
  draft: D;
  /** What publishing requires (with the Chinese messages editors see). */
  publish: P;
  /** The public contract (ServiceItemInput…); the publish rule unless a field is looser there. */
  public: Q;
  /** The value of a new, empty draft; GIVEN when the editor supplies it at creation. */
  empty: E;
  /** Import/export cell; an object of cells for a value spread over columns (fee.charged…); absent = not in files. */
  cell?: C;
  /** The file column's name when it is not the key (departmentId is exported as the department's code). */
  column?: N;
  /** How the editor form holds it; absent = not on the form. */
  form?: FormCodec<z.output<D>, F>;
  /** Display group; the group's fields show in declaration order. */
  group: G;
};

export type AnyField = Field<z.ZodType, z.ZodType, z.ZodType, unknown, unknown, unknown, string, string>;

/**
 * Declares a field. `publish` defaults to `draft` (a field whose draft rule is
 * already complete), `public` to `publish`, `empty` to GIVEN; the generics keep
 * every schema's exact type, so derived schemas infer exactly.
 */
export function field<
  D extends z.ZodType,
  G extends string,
  P extends z.ZodType = D,
  Q extends z.ZodType = P,
  F = NoForm,
  E extends z.output<D> | Given = Given,
  const C extends CellKind | Partial<Record<keyof z.output<D> & string, CellKind>> | undefined = undefined,
  const N extends string = never,
>(def: {
  label: string;
  pageTitle?: string;
  printLabel?: string;
  draft: D;
  publish?: P;
  public?: Q;
  empty?: E;
  cell?: C;
  column?: N;
  form?: FormCodec<z.output<D>, F>;
  group: G;
}): Field<D, P, Q, F, E, C, N, G> {
  const publish = (def.publish ?? def.draft) as P;
  return {
    ...def,
    publish,
    public: (def.public ?? publish) as Q,
    empty: (def.empty === undefined ? GIVEN : def.empty) as E,
  };
}

// ---------------------------------------------------------------- rules used by several kinds

/** Required text (publish rule): `${label}不能为空`, `${label}不能超过 N 字`. */
export const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .min(1, { error: `${label}不能为空` })
    .max(max, { error: `${label}不能超过 ${max} 字` });

/** Text that may still be empty in a draft (length still checked). */
export const draftText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label}不能超过 ${max} 字` });

/** A phone number, or nothing yet. */
export const draftPhone = z
  .string()
  .trim()
  .regex(/^([0-9][0-9-]{3,19})?$/, { error: '电话号码格式不正确' });

/** Whole working days, 0-365. */
export const days = (label: string) =>
  z
    .number({ error: `${label}必须是整数` })
    .int({ error: `${label}必须是整数` })
    .min(0, { error: `${label}不能为负数` })
    .max(365, { error: `${label}不能超过 365` });

// ---------------------------------------------------------------- form codecs

const same = <T>(): FormCodec<T, T> => ({ toForm: (v) => v, fromForm: (f) => f });

/** Typed digits → a number; anything else → NaN, which the schema names ("…必须是整数"). */
export function toInt(text: string): number {
  const t = text.trim();
  return /^\d{1,6}$/.test(t) ? Number(t) : Number.NaN;
}

/** Words typed on one line, separated by 、，, or spaces. */
export function splitWords(text: string): string[] {
  return text
    .split(/[、,，;；\s]+/)
    .map((k) => k.trim())
    .filter(Boolean);
}

/** Ids as typed → numbers; anything that is not a whole number becomes NaN, which the schema names. */
export function parseIds(text: string): number[] {
  return splitWords(text).map((t) => (/^\d{1,9}$/.test(t) ? Number(t) : Number.NaN));
}

export const codecs = {
  /** Text as typed (kept as is: a long text's spacing is the editor's). */
  text: same<string>(),
  /** Text trimmed when saved (names, phones, dates). */
  trimmed: { toForm: (v: string) => v, fromForm: (f: string) => f.trim() } satisfies FormCodec<string, string>,
  /** A number typed as text. */
  int: { toForm: (v: number) => String(v), fromForm: toInt } satisfies FormCodec<number, string>,
  /** Optional text (a link, a date): '' on the form is none. */
  nullable: {
    toForm: (v: string | null) => v ?? '',
    fromForm: (f: string) => (f.trim() === '' ? null : f.trim()),
  } satisfies FormCodec<string | null, string>,
  /** Words on one line, separated by 、. */
  words: { toForm: (v: string[]) => v.join('、'), fromForm: splitWords } satisfies FormCodec<string[], string>,
  /** Ids on one line, separated by 、. */
  ids: { toForm: (v: number[]) => v.join('、'), fromForm: parseIds } satisfies FormCodec<number[], string>,
  /** A list of texts, one input each. */
  list: { toForm: (v: string[]) => [...v], fromForm: (f: string[]) => [...f] } satisfies FormCodec<string[], string[]>,
  /** A value the form holds as it is (a choice, an id, a switch). */
  same,
  /** A list of plain rows, copied field by field both ways. */
  rows: <R extends object>(): FormCodec<R[], R[]> => ({
    toForm: (v) => v.map((r) => ({ ...r })),
    fromForm: (f) => f.map((r) => ({ ...r })),
  }),
  /** A plain object, copied both ways. */
  object: <R extends object>(): FormCodec<R, R> => ({ toForm: (v) => ({ ...v }), fromForm: (f) => ({ ...f }) }),
};
