// @zw/shared: the contracts both the BFF and the mini-program import. zod only.
export * from './common';
export * from './errors';
export * from './content';
export * from './api';
export * from './paths';
export * from './cases';
export * from './messages';
export * from './auth';
export * from './ratings';
export * from './editor';
export * from './content-model';
