/*
 * The content-model registry: one file per content kind, each field declared
 * once (field.ts); what the rest of the code uses is derived here (derive.ts).
 * content.ts and editor.ts export the derived schemas under their usual names
 * (and content.ts the value types of atoms.ts).
 */
export { codecs, field, GIVEN, parseIds, splitWords, toInt, type AnyField, type CellKind, type Field, type FormCodec } from './field';
export * from './derive';
export { itemFields, itemColumnLead, type LawRow, type StepRow, type MaterialRow, type FaqRow } from './item';
export { itemPresentation, limitLabel, visitsLabel, type FieldPresentation, type ItemFieldKey, type ItemGroup } from './item-presentation';
export { policyFields, policyColumnLead } from './policy';
export { interpretationFields, type TermRow } from './interpretation';
export { hallFields, windowFields } from './hall';
