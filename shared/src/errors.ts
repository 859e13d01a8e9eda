import { z } from 'zod';

/**
 * Stable error codes. Clients branch on `code`, never on `message`
 * (messages are Chinese, written for citizens, and may be reworded).
 */
export const ErrorCode = z.enum([
  'VALIDATION_FAILED',
  'MALFORMED_BODY',
  'NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'RATE_LIMITED',
  'UNAVAILABLE',
  /** WeChat's server API refused a request (details.wechat.errcode). */
  'WECHAT_ERROR',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorIssue = z.object({
  /** Where the problem is, e.g. `query.pageSize` or `body.materials.0.name`. */
  field: z.string(),
  message: z.string(),
});
export type ErrorIssue = z.infer<typeof ErrorIssue>;

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Plain-Chinese default message for each code, shown to citizens when nothing more specific applies. */
export const defaultErrorMessages: Record<ErrorCode, string> = {
  VALIDATION_FAILED: '填写的内容有误，请检查后再试',
  MALFORMED_BODY: '提交的数据格式不正确',
  NOT_FOUND: '没有找到您要的内容，可能已被删除或尚未公开',
  ROUTE_NOT_FOUND: '请求的地址不存在',
  METHOD_NOT_ALLOWED: '不支持这种请求方式',
  PAYLOAD_TOO_LARGE: '提交的内容太大了',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '您没有权限进行此操作',
  CONFLICT: '操作与当前状态冲突，请刷新后再试',
  RATE_LIMITED: '操作太频繁了，请稍后再试',
  UNAVAILABLE: '服务暂时不可用，请稍后再试',
  WECHAT_ERROR: '微信接口返回错误，请稍后再试',
  INTERNAL: '系统繁忙，请稍后再试',
};
