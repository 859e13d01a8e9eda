import { z } from 'zod';
import { GIVEN, type AnyField, type CellKind, type Field, type FormCodec, type Given, type NoForm } from './field';

/*
 * Everything derived from a kind's fields. The types follow the fields
 * exactly, so `z.infer` of a derived schema is the type the fields declare.
 */

export type Fields = Record<string, AnyField>;

export type DraftShape<M extends Fields> = { [K in keyof M]: M[K]['draft'] };
export type PublishShape<M extends Fields> = { [K in keyof M]: M[K]['publish'] };
export type PublicShape<M extends Fields> = { [K in keyof M]: M[K]['public'] };

export const draftSchema = <M extends Fields>(m: M) => z.object(mapFields(m, (f) => f.draft) as DraftShape<M>);
export const publishSchema = <M extends Fields>(m: M) => z.object(mapFields(m, (f) => f.publish) as PublishShape<M>);
export const publicSchema = <M extends Fields>(m: M) => z.object(mapFields(m, (f) => f.public) as PublicShape<M>);

export const labelsOf = <M extends Fields>(m: M) => mapFields(m, (f) => f.label) as Record<keyof M, string>;

/** Keys whose field has an empty-draft value (the others the editor gives when creating). */
export type EmptyKeys<M extends Fields> = { [K in keyof M]: M[K]['empty'] extends Given ? never : K }[keyof M];
export type EmptyDraft<M extends Fields> = { [K in EmptyKeys<M>]: z.output<M[K]['draft']> };

export function emptyDraftOf<M extends Fields>(m: M): EmptyDraft<M> {
  const out: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(m)) if (f.empty !== GIVEN) out[k] = structuredClone(f.empty);
  return out as EmptyDraft<M>;
}

/** Keys of the fields in `group`, in declaration order. */
export function groupKeys<M extends Fields, G extends M[keyof M]['group']>(m: M, group: G): Array<GroupKey<M, G>> {
  return Object.keys(m).filter((k) => m[k]!.group === group) as Array<GroupKey<M, G>>;
}
export type GroupKey<M extends Fields, G> = { [K in keyof M]: M[K]['group'] extends G ? K : never }[keyof M] & string;

// ---------------------------------------------------------------- editor form

type FormOfField<F> = F extends Field<infer _D, infer _P, infer _Q, infer X> ? X : never;
export type FormKeys<M extends Fields> = { [K in keyof M]: [FormOfField<M[K]>] extends [NoForm] ? never : K }[keyof M];
/** What the editor form holds for a kind: each field as its form codec says. */
export type FormOf<M extends Fields> = { [K in FormKeys<M>]: FormOfField<M[K]> };
/** The record the form edits (the fields the form holds, as the draft schema types them). */
export type FormRecord<M extends Fields> = { [K in FormKeys<M>]: z.output<M[K]['draft']> };

/** toForm / fromForm for a kind, from each field's codec. */
export function formCodecOf<M extends Fields>(m: M): FormCodec<FormRecord<M>, FormOf<M>> {
  const entries = Object.entries(m).filter((e): e is [string, AnyField & { form: FormCodec<unknown, unknown> }] => !!e[1].form);
  return {
    toForm: (record) => {
      const r = record as Record<string, unknown>;
      return Object.fromEntries(entries.map(([k, f]) => [k, f.form.toForm(r[k])])) as FormOf<M>;
    },
    fromForm: (form) => {
      const v = form as Record<string, unknown>;
      return Object.fromEntries(entries.map(([k, f]) => [k, f.form.fromForm(v[k])])) as FormRecord<M>;
    },
  };
}

// ---------------------------------------------------------------- import/export columns

type CellOf<F> = F extends Field<infer _D, infer _P, infer _Q, infer _F, infer _E, infer C> ? C : never;
type ColumnOf<F> = F extends Field<infer _D, infer _P, infer _Q, infer _F, infer _E, infer _C, infer N> ? N : never;
/** The record key a field has in files: its column name, or its own key. */
export type RecordKey<M extends Fields, K extends keyof M> = [ColumnOf<M[K]>] extends [never] ? K & string : ColumnOf<M[K]>;
/** Every column name of a kind's files, e.g. `code`, `department`, `fee.charged`. */
export type ColumnName<M extends Fields> = {
  [K in keyof M]: CellOf<M[K]> extends CellKind
    ? RecordKey<M, K>
    : CellOf<M[K]> extends Record<string, CellKind>
      ? `${RecordKey<M, K>}.${keyof CellOf<M[K]> & string}`
      : never;
}[keyof M];

export type Column<N extends string = string> = { name: N; kind: CellKind; field: string };

/** Columns in file order: `lead` first, then the other fields with a cell in declaration order. */
export function columnsOf<M extends Fields>(m: M, lead: ReadonlyArray<keyof M & string> = []): Array<Column<ColumnName<M>>> {
  const keys = [...lead, ...Object.keys(m).filter((k) => !lead.includes(k))];
  const out: Column[] = [];
  for (const k of keys) {
    const f = m[k]!;
    const cell = f.cell as CellKind | Record<string, CellKind> | undefined;
    if (cell === undefined) continue;
    const name = f.column ?? k;
    if (typeof cell === 'string') out.push({ name, kind: cell, field: k });
    else for (const [sub, kind] of Object.entries(cell)) out.push({ name: `${name}.${sub}`, kind, field: k });
  }
  return out as Array<Column<ColumnName<M>>>;
}

// ---------------------------------------------------------------- helpers

function mapFields<M extends Fields, R>(m: M, fn: (f: AnyField) => R): Record<keyof M, R> {
  return Object.fromEntries(Object.entries(m).map(([k, f]) => [k, fn(f)])) as Record<keyof M, R>;
}
