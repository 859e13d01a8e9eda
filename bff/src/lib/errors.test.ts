import { defaultErrorMessages, ErrorCode } from '@zw/shared';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors';

/*
 * "Every code thrown is in the union" is the compiler's job: AppError takes
 * only `ErrorCode`, and its subclasses (NotFoundError, RateLimitedError, …) pass
 * literals to it, so `pnpm typecheck` fails on a code the clients cannot know.
 * This file is under src/, so it is typechecked too: the expect-error line
 * below fails the typecheck if AppError ever accepts any string again.
 */
describe('AppError', () => {
  it('accepts only codes of the shared union', () => {
    // @ts-expect-error — not an ErrorCode
    const bogus = new AppError('NOT_A_CODE', 400);
    expect(ErrorCode.safeParse(bogus.code).success).toBe(false);
  });

  it("uses the code's Chinese default message when none is given", () => {
    for (const code of ErrorCode.options) {
      expect(new AppError(code, 400).message).toBe(defaultErrorMessages[code]);
      expect(defaultErrorMessages[code]).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
