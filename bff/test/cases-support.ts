import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { TestContext } from './helpers';
import { bearer } from './helpers';

export const key = () => randomUUID().replaceAll('-', '');

export async function call(
  ctx: TestContext,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await ctx.app.request(path, {
    method,
    headers: { ...(token ? bearer(token) : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as any) : undefined };
}

export async function departmentId(ctx: TestContext, code: string): Promise<number> {
  const row = (await ctx.client.execute({ sql: 'SELECT id FROM departments WHERE code = ?', args: [code] })).rows[0];
  return Number(row!.id);
}

export const message = (deptId: number, over: Record<string, unknown> = {}) => ({
  type: '咨询',
  target: { type: 'department', id: deptId },
  content: '请问低保申请需要准备哪些材料？家里老人行动不便能否上门办理？',
  anonymous: false,
  contact: { name: '王秀英', phone: '13800138000' },
  consent: true,
  ...over,
});

export async function submit(ctx: TestContext, token: string, body: unknown, k = key()) {
  return call(ctx, 'POST', '/api/cases', token, body, { 'idempotency-key': k });
}

/** A real JPEG carrying EXIF with GPS coordinates, as a phone camera writes it. */
export async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '28/1 40/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '115/1 52/1 0/1' },
    })
    .toBuffer();
}

export async function upload(ctx: TestContext, token: string, bytes: Uint8Array, name = 'photo.jpg', type = 'image/jpeg') {
  const form = new FormData();
  form.set('file', new File([bytes], name, { type }));
  const res = await ctx.app.request('/api/uploads', { method: 'POST', headers: bearer(token), body: form });
  return { status: res.status, body: (await res.json()) as any };
}
