import { ErrorBody } from '@zw/shared';
import type { ZodType } from 'zod';

export function json<T extends ZodType>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description };
}

/** An error answer: the shared ErrorBody, whose `code` is the closed ErrorCode enum. */
export const error = (description: string) => json(ErrorBody, description);

/** The error answers every read route can give, documented once. */
export const readErrors = {
  304: { description: '内容未变化（If-None-Match 与 ETag 相同）' },
  400: error('参数有误：details.issues 逐项说明字段与原因'),
  500: error('系统错误：带 requestId，已记录日志'),
} as const;

export const notFound = { 404: error('对象不存在或未公开') } as const;
