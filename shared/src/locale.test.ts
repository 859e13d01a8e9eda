import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ItemListQuery, SearchQuery } from './index';

/* Validation messages come out in Chinese for schemas without their own wording (locale.ts). */
const messageOf = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected a failure');
  return r.error.issues[0]!.message;
};

describe('Chinese validation messages', () => {
  it('enums list their choices', () => {
    expect(messageOf(SearchQuery, { q: '社保', type: 'bogus' })).toBe('不是可选的值，应为以下之一：all、item、policy');
    expect(messageOf(z.literal('a'), 'b')).toBe('只能是 a');
    expect(messageOf(ItemListQuery, { type: '许可' })).toMatch(/^不是可选的值，应为以下之一：行政许可、/);
  });

  it('lengths, sizes and missing values read as plain Chinese', () => {
    expect(messageOf(z.string().max(30), 'x'.repeat(31))).toBe('不能超过 30 个字');
    expect(messageOf(z.string().min(1), '')).toBe('不能为空');
    expect(messageOf(z.string().min(5), 'abc')).toBe('至少 5 个字');
    expect(messageOf(z.array(z.string()).max(2), ['a', 'b', 'c'])).toBe('最多 2 项');
    expect(messageOf(z.number().int().max(100), 101)).toBe('不能大于 100');
    expect(messageOf(z.number().min(1), 0)).toBe('不能小于 1');
    expect(messageOf(z.object({ a: z.string() }), {})).toBe('必填');
    expect(messageOf(z.string(), 3)).toBe('应为文字');
    expect(messageOf(z.string().regex(/^\d+$/), 'x')).toBe('格式不正确');
    expect(messageOf(z.strictObject({}), { extra: 1 })).toBe('不认识的字段：extra');
  });

  it("falls back to zod's zh-CN for the rest, and leaves a schema's own wording alone", () => {
    expect(messageOf(z.email(), 'x')).toMatch(/[\u4e00-\u9fff]/);
    expect(messageOf(z.string().max(3, { error: '太长了' }), 'abcd')).toBe('太长了');
  });
});
