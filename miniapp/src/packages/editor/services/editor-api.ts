import Taro from '@tarojs/taro';
import type { InferRequestType } from 'hono/client';
import { ApiError, ok, publicClient } from '../../../services/client';
import { apiUrl } from '../../../services/config';
import { bearer, staffClient } from '../../../services/staff-client';
import type { ItemRecord } from '../form';

/*
 * The editing API with the staff token (the same session as the staff pages),
 * typed by the BFF's routes. A 401 means the session is over: back to the login
 * page and here again after. A 403 (a staff account without the editor role) is
 * left to the page, which says 无权限 in words.
 */
const editor = staffClient.api.editor;
const open = publicClient.api;

/** null while there is no published version (a draft is the same 404 as a missing id). */
async function orNull<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
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

type Query<F> = InferRequestType<F> extends { query: infer Q } ? Q : never;
type Json<F> = InferRequestType<F> extends { json: infer J } ? J : never;

export type StaleParams = Query<typeof editor.reports.stale.$get>;

/** What has a version history: a guide, a policy document or an interpretation (`/api/editor/{kind}/{id}/versions`). */
export type VersionedKind = 'items' | 'policies' | 'interpretations';
type Verb = 'publish' | 'unpublish' | 'review';

type Patch<T> = Omit<T, 'baseVersion'>;
type PolicyPatch = Json<(typeof editor.policies)[':id']['$patch']>;
type InterpretationPatch = Json<(typeof editor.interpretations)[':id']['$patch']>;

/** 政策文件 and 政策解读: the same verbs as a guide, under their own paths. */
export const policyApi = {
  list: (query: Query<typeof editor.policies.$get>) => ok(editor.policies.$get({ query })),
  get: (id: number) => ok(editor.policies[':id'].$get({ param: { id } })),
  create: (json: Json<typeof editor.policies.$post>) => ok(editor.policies.$post({ json })),
  save: (id: number, baseVersion: number, patch: Patch<PolicyPatch>) =>
    ok(editor.policies[':id'].$patch({ param: { id }, json: { ...patch, baseVersion } })),
  /** publish / unpublish / review, typed by their routes (the BFF's addVersionVerbs / addReviewVerb). */
  verb: (id: number, verb: Verb, baseVersion: number) => ok(editor.policies[':id'][verb].$post({ param: { id }, json: { baseVersion } })),
  createInterpretation: (policyId: number, json: Json<(typeof editor.policies)[':id']['interpretations']['$post']>) =>
    ok(editor.policies[':id'].interpretations.$post({ param: { id: policyId }, json })),
  interpretation: (id: number) => ok(editor.interpretations[':id'].$get({ param: { id } })),
  saveInterpretation: (id: number, baseVersion: number, patch: Patch<InterpretationPatch>) =>
    ok(editor.interpretations[':id'].$patch({ param: { id }, json: { ...patch, baseVersion } })),
  interpretationVerb: (id: number, verb: Verb, baseVersion: number) =>
    ok(editor.interpretations[':id'][verb].$post({ param: { id }, json: { baseVersion } })),
  /** The published document (with its published interpretations) for the preview; null while it is a draft. */
  published: (id: number) => orNull(ok(open.policies[':id'].$get({ param: { id } }))),
};

export const editorApi = {
  items: (query: Query<typeof editor.items.$get>) => ok(editor.items.$get({ query })),
  item: (id: number) => ok(editor.items[':id'].$get({ param: { id } })),
  create: (json: Json<typeof editor.items.$post>) => ok(editor.items.$post({ json })),
  save: (id: number, baseVersion: number, patch: Partial<ItemRecord>) =>
    ok(editor.items[':id'].$patch({ param: { id }, json: { ...patch, baseVersion } })),
  publish: (id: number, baseVersion: number) => ok(editor.items[':id'].publish.$post({ param: { id }, json: { baseVersion } })),
  unpublish: (id: number, baseVersion: number) => ok(editor.items[':id'].unpublish.$post({ param: { id }, json: { baseVersion } })),
  review: (id: number, baseVersion: number) => ok(editor.items[':id'].review.$post({ param: { id }, json: { baseVersion } })),
  versions: (id: number, kind: VersionedKind = 'items') => ok(editor[kind][':id'].versions.$get({ param: { id } })),
  stale: (query: StaleParams) => ok(editor.reports.stale.$get({ query })),
  qr: (type: 'item' | 'hall', id: number) => ok(editor.qr[':type'][':id'].$get({ param: { type, id } })),
  halls: () => ok(editor.halls.$get()),
  departments: () => ok(open.departments.$get()),
  /** The published guide (windows, interpretations) for the preview; null while it is a draft. */
  published: (id: number) => orNull(ok(open.items[':id'].$get({ param: { id } }))),
  /** The QR code as a PNG data URI: the image needs the token, which an <Image src> cannot send. */
  async qrPng(type: 'item' | 'hall' | 'window', id: number): Promise<string> {
    let res: Taro.request.SuccessCallbackResult<ArrayBuffer>;
    try {
      res = await Taro.request<ArrayBuffer>({
        url: apiUrl(editor.qr[':type'][':id'].png.$path({ param: { type, id }, query: { size: 256 } })),
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
  /** A print page's HTML with the token, so drafts print too (tokens never go into URLs). The /print pages are outside AppType. */
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
