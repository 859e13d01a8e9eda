import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { ContentVersionDetail, ContentVersionList, IdParam, VersionBody, type ContentEntityType, type ContentStatus } from '@zw/shared';
import type { Context } from 'hono';
import { z, type ZodType } from 'zod';
import { requireStaff, retryAfter, staffOf } from '../../lib/auth';
import type { AppEnv } from '../../lib/context';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { error, json, readErrors } from '../../lib/openapi';
import { markReviewed, setStatus, type EditorContext, type EntityAdapter } from '../../services/editor/engine';
import { getVersion, listVersions, type Snapshot } from '../../services/editor/versions';

/*
 * What every editing route shares: editor/admin bearer tokens (staff and
 * supervisors 403, citizens 403, anonymous 401 — before the body is looked
 * at), the error answers, the version an edit is based on, and the
 * publish / unpublish / review / history verbs.
 */

export const editorRoles = ['editor', 'admin'] as const;
export const editorAuth = { middleware: [retryAfter, requireStaff(...editorRoles)], security: [{ bearerAuth: [] }] };

export const editorErrors = {
  ...readErrors,
  401: error('未登录或登录已失效'),
  403: error('仅限政务公开专员（editor）和系统管理员（admin）'),
} as const;
export const writeErrors = {
  ...editorErrors,
  400: error(
    '参数有误，或内容还不能发布：details.issues 逐项说明字段；发布检查另有 details.problems（field、label 中文名、message、missing）',
  ),
  404: error('对象不存在'),
  409: error('版本冲突（details.currentVersion、details.changedSince 列出此后谁改了哪些字段），或编码/文号/名称重复'),
} as const;

export const idParams = z.object({ id: IdParam });

export function editorContext(c: Context<AppEnv>): EditorContext {
  return { db: c.var.db, search: c.var.search, editorId: staffOf(c).id, now: c.var.now() };
}

const IF_MATCH = /^\s*(?:W\/)?"v(\d{1,9})"\s*$/;

/**
 * The version an edit was based on: `If-Match: "v3"` (the ETag of the GET) or
 * `baseVersion` in the body. When both are given they must agree.
 */
export function baseVersionOf(c: Context<AppEnv>, fromBody: number | undefined): number | undefined {
  const header = c.req.header('if-match');
  let fromHeader: number | undefined;
  if (header !== undefined && header.trim() !== '*') {
    const m = IF_MATCH.exec(header);
    if (!m) throw new ValidationError([{ field: 'header.if-match', message: 'If-Match 应为读取时的 ETag，如 "v3"' }]);
    fromHeader = Number(m[1]);
  }
  if (fromHeader !== undefined && fromBody !== undefined && fromHeader !== fromBody) {
    throw new ValidationError([{ field: 'body.baseVersion', message: `与 If-Match 的版本（${fromHeader}）不一致` }]);
  }
  return fromBody ?? fromHeader;
}

/** An editor view, with its version as the ETag (for If-Match) and never cached. */
export function versioned<T extends { version: number }>(c: Context<AppEnv>, body: T, status: 200 | 201 = 200) {
  c.header('ETag', `"v${body.version}"`);
  c.header('Cache-Control', 'private, no-store');
  return c.json(body, status);
}

export function orNotFound<T>(value: T | null, noun: string): T {
  if (value === null) throw new NotFoundError(`没有找到这份${noun}`);
  return value;
}

type VerbOptions<S extends Snapshot & { status: ContentStatus }, V extends { version: number }> = {
  /** e.g. /editor/items */
  base: string;
  tags: string[];
  adapter: EntityAdapter<S>;
  view: (c: Context<AppEnv>, id: number) => Promise<V | null>;
  viewSchema: ZodType;
  /** Whether "mark reviewed" applies (guides, policies, interpretations). */
  reviewable: boolean;
};

const versionParams = z.object({ id: IdParam, version: IdParam });
const optionalVersionBody = { content: { 'application/json': { schema: VersionBody } }, required: false };

/** publish, unpublish, review, versions, versions/{version} for one kind of content. */
export function addVersionVerbs<S extends Snapshot & { status: ContentStatus }, V extends { version: number }>(
  router: OpenAPIHono<AppEnv>,
  o: VerbOptions<S, V>,
): void {
  const { adapter } = o;
  const respond = async (c: Context<AppEnv>, id: number) => versioned(c, orNotFound(await o.view(c, id), adapter.noun));
  const type: ContentEntityType = adapter.type;

  router.openapi(
    createRoute({
      method: 'post',
      path: `${o.base}/{id}/publish`,
      tags: o.tags,
      summary: `发布${adapter.noun}：检查全部必填内容，缺什么逐项列出（400）；已发布的再次发布即算一次核对`,
      ...editorAuth,
      request: { params: idParams, body: optionalVersionBody },
      responses: { 200: json(o.viewSchema, '发布后的内容'), ...writeErrors },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      await setStatus(editorContext(c), adapter, id, 'published', baseVersionOf(c, c.req.valid('json').baseVersion));
      return respond(c, id);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: `${o.base}/{id}/unpublish`,
      tags: o.tags,
      summary: `撤回${adapter.noun}：群众端立即看不到（404），搜索和列表同步移除；编辑仍可查看和修改`,
      ...editorAuth,
      request: { params: idParams, body: optionalVersionBody },
      responses: { 200: json(o.viewSchema, '撤回后的内容（草稿）'), ...writeErrors },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      await setStatus(editorContext(c), adapter, id, 'draft', baseVersionOf(c, c.req.valid('json').baseVersion));
      return respond(c, id);
    },
  );

  if (o.reviewable) {
    router.openapi(
      createRoute({
        method: 'post',
        path: `${o.base}/{id}/review`,
        tags: o.tags,
        summary: `标记${adapter.noun}为已核对（内容仍然准确）：更新 reviewedAt，移出过期未核对报告`,
        ...editorAuth,
        request: { params: idParams, body: optionalVersionBody },
        responses: { 200: json(o.viewSchema, '核对后的内容'), ...writeErrors },
      }),
      async (c) => {
        const id = c.req.valid('param').id;
        await markReviewed(editorContext(c), adapter, id, baseVersionOf(c, c.req.valid('json').baseVersion));
        return respond(c, id);
      },
    );
  }

  router.openapi(
    createRoute({
      method: 'get',
      path: `${o.base}/{id}/versions`,
      tags: o.tags,
      summary: `${adapter.noun}的修改历史（新的在前）：谁、何时、改了哪些字段`,
      ...editorAuth,
      request: { params: idParams },
      responses: { 200: json(ContentVersionList, '历史版本'), ...editorErrors, 404: error('对象不存在') },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const current = orNotFound(await o.view(c, id), adapter.noun);
      c.header('Cache-Control', 'private, no-store');
      return c.json({ current: current.version, data: await listVersions(c.var.db, type, id, adapter.labels) }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: `${o.base}/{id}/versions/{version}`,
      tags: o.tags,
      summary: `${adapter.noun}某一版本的完整内容`,
      ...editorAuth,
      request: { params: versionParams },
      responses: { 200: json(ContentVersionDetail, '该版本'), ...editorErrors, 404: error('对象或版本不存在') },
    }),
    async (c) => {
      const { id, version } = c.req.valid('param');
      c.header('Cache-Control', 'private, no-store');
      return c.json(await getVersion(c.var.db, type, id, version, adapter.labels), 200);
    },
  );
}
