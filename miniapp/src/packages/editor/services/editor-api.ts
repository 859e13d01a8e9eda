import Taro from '@tarojs/taro';
import type {
  ContentVersion,
  Department,
  EditorInterpretation,
  EditorItem,
  EditorItemList,
  EditorPolicy,
  EditorPolicyList,
  InterpretationCreateBody,
  InterpretationPatchBody,
  ItemCreateBody,
  PolicyCreateBody,
  PolicyDetail,
  PolicyPatchBody,
  QrInfo,
  ServiceItem,
  StaleReport,
} from '@zw/shared';
import { ApiError, queryString, request, type Method } from '../../../services/api';
import { apiUrl } from '../../../services/config';
import { getSession, here, toLogin } from '../../../services/staff-session';
import type { ItemRecord } from '../form';

/*
 * The editing API with the staff token (the same session as the staff pages).
 * A 401 means the session is over: back to the login page and here again after.
 * A 403 (a staff account without the editor role) is left to the page, which
 * says 无权限 in words.
 */
function expired() {
  const router = Taro.getCurrentInstance().router;
  toLogin('expired', router ? here(router as { path: string; params: Record<string, string | undefined> }) : undefined);
}

function bearer(): string {
  const session = getSession();
  if (!session) {
    expired();
    throw new ApiError('登录已过期，请重新登录', 401, 'UNAUTHENTICATED');
  }
  return `Bearer ${session.token}`;
}

async function send<T>(method: Method, path: string, body?: unknown): Promise<T> {
  return request<T>(method, path, {
    body,
    headers: { authorization: bearer() },
    onStatus: (status) => {
      if (status === 401) expired();
    },
  });
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Bytes → base64, by hand: neither WeChat nor the browser offers one function for both. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += BASE64[a >> 2]! + BASE64[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : BASE64[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : BASE64[c & 63]!;
  }
  return out;
}

export type StaleParams = { days?: number };

/** What has a version history: a guide, a policy document or an interpretation (`/api/editor/{kind}/{id}/versions`). */
export type VersionedKind = 'items' | 'policies' | 'interpretations';

type Patch<T> = Omit<T, 'baseVersion'>;

/** 政策文件 and 政策解读: the same verbs as a guide, under their own paths. */
export const policyApi = {
  list: (p: { q?: string; status?: 'draft' | 'published'; page?: number; pageSize?: number }) =>
    send<EditorPolicyList>('GET', `/api/editor/policies${queryString(p)}`),
  get: (id: number) => send<EditorPolicy>('GET', `/api/editor/policies/${id}`),
  create: (body: PolicyCreateBody) => send<EditorPolicy>('POST', '/api/editor/policies', body),
  save: (id: number, baseVersion: number, patch: Patch<PolicyPatchBody>) =>
    send<EditorPolicy>('PATCH', `/api/editor/policies/${id}`, { ...patch, baseVersion }),
  verb: (id: number, verb: 'publish' | 'unpublish' | 'review', baseVersion: number) =>
    send<EditorPolicy>('POST', `/api/editor/policies/${id}/${verb}`, { baseVersion }),
  createInterpretation: (policyId: number, body: InterpretationCreateBody) =>
    send<EditorInterpretation>('POST', `/api/editor/policies/${policyId}/interpretations`, body),
  interpretation: (id: number) => send<EditorInterpretation>('GET', `/api/editor/interpretations/${id}`),
  saveInterpretation: (id: number, baseVersion: number, patch: Patch<InterpretationPatchBody>) =>
    send<EditorInterpretation>('PATCH', `/api/editor/interpretations/${id}`, { ...patch, baseVersion }),
  interpretationVerb: (id: number, verb: 'publish' | 'unpublish' | 'review', baseVersion: number) =>
    send<EditorInterpretation>('POST', `/api/editor/interpretations/${id}/${verb}`, { baseVersion }),
  /** The published document (with its published interpretations) for the preview; null while it is a draft. */
  async published(id: number): Promise<PolicyDetail | null> {
    try {
      return await request<PolicyDetail>('GET', `/api/policies/${id}`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  },
};

export const editorApi = {
  items: (p: { q?: string; status?: 'draft' | 'published'; page?: number; pageSize?: number }) =>
    send<EditorItemList>('GET', `/api/editor/items${queryString(p)}`),
  item: (id: number) => send<EditorItem>('GET', `/api/editor/items/${id}`),
  create: (body: ItemCreateBody) => send<EditorItem>('POST', '/api/editor/items', body),
  save: (id: number, baseVersion: number, patch: Partial<ItemRecord>) =>
    send<EditorItem>('PATCH', `/api/editor/items/${id}`, { ...patch, baseVersion }),
  publish: (id: number, baseVersion: number) => send<EditorItem>('POST', `/api/editor/items/${id}/publish`, { baseVersion }),
  unpublish: (id: number, baseVersion: number) => send<EditorItem>('POST', `/api/editor/items/${id}/unpublish`, { baseVersion }),
  review: (id: number, baseVersion: number) => send<EditorItem>('POST', `/api/editor/items/${id}/review`, { baseVersion }),
  versions: (id: number, kind: VersionedKind = 'items') =>
    send<{ current: number; data: ContentVersion[] }>('GET', `/api/editor/${kind}/${id}/versions`),
  stale: (p: StaleParams) => send<StaleReport>('GET', `/api/editor/reports/stale${queryString(p)}`),
  qr: (type: 'item' | 'hall', id: number) => send<QrInfo>('GET', `/api/editor/qr/${type}/${id}`),
  halls: () => send<{ data: Array<{ id: number; name: string; windowCount: number }> }>('GET', '/api/editor/halls'),
  departments: () => request<{ data: Department[] }>('GET', '/api/departments'),
  /** The published guide (windows, interpretations) for the preview; null while it is a draft. */
  async published(id: number): Promise<ServiceItem | null> {
    try {
      return await request<ServiceItem>('GET', `/api/items/${id}`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  },
  /** The QR code as a PNG data URI: the image needs the token, which an <Image src> cannot send. */
  async qrPng(type: 'item' | 'hall' | 'window', id: number): Promise<string> {
    let res: Taro.request.SuccessCallbackResult<ArrayBuffer>;
    try {
      res = await Taro.request<ArrayBuffer>({
        url: apiUrl(`/api/editor/qr/${type}/${id}/png?size=256`),
        header: { authorization: bearer() },
        responseType: 'arraybuffer',
        timeout: 15_000,
      });
    } catch {
      throw new ApiError('二维码没有加载出来，请检查网络后重试');
    }
    if (res.statusCode !== 200) throw new ApiError('二维码没有加载出来，请稍后再试', res.statusCode);
    return `data:image/png;base64,${toBase64(new Uint8Array(res.data))}`;
  },
  /** A print page's HTML with the token, so drafts print too (tokens never go into URLs). */
  async printHtml(path: string): Promise<string> {
    const res = await Taro.request<string>({
      url: apiUrl(path),
      header: { authorization: bearer() },
      dataType: 'text',
      responseType: 'text',
      timeout: 15_000,
    });
    if (res.statusCode !== 200) throw new ApiError('打印页没有打开，请稍后再试', res.statusCode);
    return String(res.data);
  },
};

export { ApiError };
