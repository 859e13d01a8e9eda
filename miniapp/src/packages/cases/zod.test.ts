import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * Mini-programs forbid `new Function`. zod compiles object parsers with it unless
 * `jitless` is set before the schemas are built; ./zod.ts sets it, and every page
 * of the cases subpackage imports it first. `Function` is watched here to see
 * whether zod generates code.
 */
const generated: string[] = [];
const watched = new Proxy(Function, {
  construct(target, args: string[]) {
    const body = args.at(-1) ?? '';
    if (body) generated.push(body); // zod's eval probe is `new Function('')`: not code generation
    return Reflect.construct(target, args);
  },
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const submission = {
  type: '咨询',
  target: { type: 'department', id: 1 },
  content: '请问办理居住证需要在本地住满多久？',
  anonymous: true,
  photoIds: [],
  consent: false,
};

async function parseWithFreshSchemas(): Promise<boolean> {
  vi.resetModules();
  const { SubmitCaseBody } = await import('@zw/shared');
  return SubmitCaseBody.safeParse(submission).success;
}

describe('zod in the cases subpackage', () => {
  it('builds no code with new Function once ./zod is imported first', async () => {
    vi.stubGlobal('Function', watched);

    // Without it, zod does generate code: the watch above sees it.
    expect(await parseWithFreshSchemas()).toBe(true);
    expect(generated.length).toBeGreaterThan(0);

    generated.length = 0;
    await import('./zod');
    expect(await parseWithFreshSchemas()).toBe(true);
    expect(generated).toEqual([]);
  });
});
