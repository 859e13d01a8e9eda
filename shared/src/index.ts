// @zw/shared: the contracts both the BFF and the mini-program import. zod only.
export * from './common';
export * from './errors';
export * from './content';
export * from './api';
export * from './paths';
