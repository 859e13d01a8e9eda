// @zw/shared: the contracts both the BFF and the mini-program import. zod only.
// First: Chinese validation messages for every schema (a side effect, see locale.ts).
export * from './locale';
export * from './common';
export * from './time';
export * from './errors';
export * from './content';
export * from './api';
export * from './paths';
export * from './cases';
export * from './messages';
export * from './tracking';
export * from './auth';
export * from './reminders';
export * from './ratings';
export * from './editor';
export * from './content-model';
