import { z } from 'zod';

/**
 * Stable error codes: the closed list of every `code` the BFF answers with.
 * Clients branch on `code`, never on `message` (messages are Chinese, written
 * for citizens, and may be reworded). The BFF's AppError takes only these, so
 * a code missing here does not compile.
 */
export const ErrorCode = z.enum([
  'VALIDATION_FAILED',
  'MALFORMED_BODY',
  /** An upload whose content is not a photo we accept (JPEG, PNG, WebP, HEIC): 415. */
  'UNSUPPORTED_MEDIA_TYPE',
  'NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  /** The state machine refuses the action now (details.transition, e.g. answered→reply). */
  'TRANSITION_NOT_ALLOWED',
  /** The action does not apply to this type of message (e.g. 延期 outside 依申请公开). */
  'TYPE_NOT_ALLOWED',
  /** The one extension a case may have was already used. */
  'EXTENSION_USED',
  /** The reopen window after the answer has passed. */
  'REOPEN_WINDOW_PASSED',
  /** The same Idempotency-Key was sent with another body (422). */
  'IDEMPOTENCY_KEY_REUSED',
  /** The first request with this Idempotency-Key is still being processed (409). */
  'IDEMPOTENCY_IN_FLIGHT',
  /** A case (once) or a window (once a day) was already rated by this citizen. */
  'ALREADY_RATED',
  /** A rating was already appealed. */
  'ALREADY_APPEALED',
  /** Only bad ratings may be appealed. */
  'NOT_APPEALABLE',
  /** The follow-up (回访) result was already recorded. */
  'FOLLOW_UP_DONE',
  /** The SMS code is wrong, expired, used or out of tries (one code for all: the answer reveals nothing more). */
  'SMS_CODE_INVALID',
  /** The SMS provider refused or could not be reached (503). */
  'SMS_UNAVAILABLE',
  /** The phone is verified by another WeChat account (a phone belongs to one WeChat identity). */
  'PHONE_TAKEN',
  'RATE_LIMITED',
  /** The database was busy (another process held the write lock) past the write's budget: nothing was written, retry after Retry-After (503). */
  'BUSY',
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
    code: ErrorCode,
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
  UNSUPPORTED_MEDIA_TYPE: '只能上传 JPG、PNG、WebP 或 HEIC 格式的照片',
  NOT_FOUND: '没有找到您要的内容，可能已被删除或尚未公开',
  ROUTE_NOT_FOUND: '请求的地址不存在',
  METHOD_NOT_ALLOWED: '不支持这种请求方式',
  PAYLOAD_TOO_LARGE: '提交的内容太大了',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '您没有权限进行此操作',
  CONFLICT: '操作与当前状态冲突，请刷新后再试',
  TRANSITION_NOT_ALLOWED: '当前状态下不能进行此操作，请刷新后再试',
  TYPE_NOT_ALLOWED: '此类诉求不适用该操作',
  EXTENSION_USED: '已延期过一次，不能再次延期',
  REOPEN_WINDOW_PASSED: '已超过申请重新办理的期限',
  IDEMPOTENCY_KEY_REUSED: '这个提交编号已用于另一份内容，请刷新页面后重新提交',
  IDEMPOTENCY_IN_FLIGHT: '您的提交正在处理中，请稍候查看结果，不要重复提交',
  ALREADY_RATED: '已经评价过了，感谢您的反馈',
  ALREADY_APPEALED: '这条评价已经申诉过了',
  NOT_APPEALABLE: '只有差评可以申诉',
  FOLLOW_UP_DONE: '这条回访已经记录过结果',
  SMS_CODE_INVALID: '验证码不正确或已失效，请重新获取',
  SMS_UNAVAILABLE: '短信暂时发不出去，请稍后再试',
  PHONE_TAKEN: '这个手机号已绑定其他微信账号',
  RATE_LIMITED: '操作太频繁了，请稍后再试',
  BUSY: '办理的人较多，请几秒后再提交一次，您填写的内容不会丢失',
  UNAVAILABLE: '服务暂时不可用，请稍后再试',
  WECHAT_ERROR: '微信接口返回错误，请稍后再试',
  INTERNAL: '系统繁忙，请稍后再试',
};
