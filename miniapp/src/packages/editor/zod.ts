import { z } from 'zod';

/**
 * Mini-programs forbid `new Function`, which zod uses to speed up object parsing.
 * zod reads this flag when a schema is built, so every page of this subpackage
 * imports this file FIRST, before anything that pulls schemas from '@zw/shared'.
 * (The same file as packages/staff/zod.ts: a subpackage may not import another's modules.)
 */
z.config({ jitless: true });
