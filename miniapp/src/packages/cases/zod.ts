import { z } from 'zod';

/**
 * Mini-programs forbid `new Function`, which zod uses to speed up object parsing.
 * zod reads this flag when a schema is built, so every page of this subpackage
 * imports this file FIRST, before anything that pulls schemas from '@zw/shared'.
 * This file must not import '@zw/shared' itself (imports are evaluated first).
 */
z.config({ jitless: true });
