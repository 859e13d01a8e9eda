import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { ContentVersionDetail, ContentVersionList, IdParam, VersionBody, type ContentStatus } from '@zw/shared';
import type { Context, Schema } from 'hono';
import { z, type ZodType } from 'zod';
import { requireStaff, retryAfter } from '../../lib/auth';
import type { AppEnv } from '../../lib/context';
import { ValidationError } from '../../lib/errors';
import { error, json, readErrors } from '../../lib/openapi';
import { staffCtx } from '../../lib/service';
import {
  contentVersion,
  contentVersions,
  publishContent,
  reviewContent,
  unpublishContent,
  type EditableKind,
} from '../../services/editor/lifecycle';
import type { Snapshot } from '../../services/editor/versions';

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

type VerbOptions<B extends string, S extends Snapshot & { status: ContentStatus }, V extends { version: number }, Z extends ZodType> = {
  /** e.g. /editor/items */
  base: B;
  tags: readonly string[];
  kind: EditableKind<S, V>;
  viewSchema: Z;
};

const versionParams = z.object({ id: IdParam, version: IdParam });
const optionalVersionBody = { content: { 'application/json': { schema: VersionBody } }, required: false };

function verbRoute<P extends string, Z extends ZodType>(
  path: P,
  tags: readonly string[],
  summary: string,
  viewSchema: Z,
  description: string,
) {
  return createRoute({
    method: 'post',
    path,
    tags: [...tags],
    summary,
    ...editorAuth,
    request: { params: idParams, body: optionalVersionBody },
    responses: { 200: json(viewSchema, description), ...writeErrors },
  });
}

/**
 * publish, unpublish, versions, versions/{version} for one kind of content,
 * added to `router` and returned with their types, so the router built with
 * them (and so AppType) carries these routes: chain it, `addVersionVerbs(createRouter().openapi(…), …)`.
 */
export function addVersionVerbs<
  R extends Schema,
  BP extends string,
  B extends string,
  S extends Snapshot & { status: ContentStatus },
  V extends { version: number },
  Z extends ZodType,
>(router: OpenAPIHono<AppEnv, R, BP>, o: VerbOptions<B, S, V, Z>) {
  const { kind } = o;
  const noun = kind.adapter.noun;
  return router
    .openapi(
      verbRoute(
        `${o.base}/{id}/publish` as `${B}/{id}/publish`,
        o.tags,
        `发布${noun}：检查全部必填内容，缺什么逐项列出（400）；已发布的再次发布即算一次核对`,
        o.viewSchema,
        '发布后的内容',
      ),
      async (c) => {
        const { id } = c.req.valid('param');
        const view = await publishContent({
          ctx: staffCtx(c),
          input: { kind, id, baseVersion: baseVersionOf(c, c.req.valid('json').baseVersion) },
        });
        return versioned(c, view);
      },
    )
    .openapi(
      verbRoute(
        `${o.base}/{id}/unpublish` as `${B}/{id}/unpublish`,
        o.tags,
        `撤回${noun}：群众端立即看不到（404），搜索和列表同步移除；编辑仍可查看和修改`,
        o.viewSchema,
        '撤回后的内容（草稿）',
      ),
      async (c) => {
        const { id } = c.req.valid('param');
        const view = await unpublishContent({
          ctx: staffCtx(c),
          input: { kind, id, baseVersion: baseVersionOf(c, c.req.valid('json').baseVersion) },
        });
        return versioned(c, view);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: `${o.base}/{id}/versions` as `${B}/{id}/versions`,
        tags: [...o.tags],
        summary: `${noun}的修改历史（新的在前）：谁、何时、改了哪些字段`,
        ...editorAuth,
        request: { params: idParams },
        responses: { 200: json(ContentVersionList, '历史版本'), ...editorErrors, 404: error('对象不存在') },
      }),
      async (c) => {
        const list = await contentVersions({ ctx: staffCtx(c), input: { kind, id: c.req.valid('param').id } });
        c.header('Cache-Control', 'private, no-store');
        return c.json(list, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: `${o.base}/{id}/versions/{version}` as `${B}/{id}/versions/{version}`,
        tags: [...o.tags],
        summary: `${noun}某一版本的完整内容`,
        ...editorAuth,
        request: { params: versionParams },
        responses: { 200: json(ContentVersionDetail, '该版本'), ...editorErrors, 404: error('对象或版本不存在') },
      }),
      async (c) => {
        c.header('Cache-Control', 'private, no-store');
        return c.json(await contentVersion({ ctx: staffCtx(c), input: { kind, ...c.req.valid('param') } }), 200);
      },
    );
}

/** review, for content editors vouch for (guides, policies, interpretations); chained like addVersionVerbs. */
export function addReviewVerb<
  R extends Schema,
  BP extends string,
  B extends string,
  S extends Snapshot & { status: ContentStatus },
  V extends { version: number },
  Z extends ZodType,
>(router: OpenAPIHono<AppEnv, R, BP>, o: VerbOptions<B, S, V, Z>) {
  const { kind } = o;
  return router.openapi(
    verbRoute(
      `${o.base}/{id}/review` as `${B}/{id}/review`,
      o.tags,
      `标记${kind.adapter.noun}为已核对（内容仍然准确）：更新 reviewedAt，移出过期未核对报告`,
      o.viewSchema,
      '核对后的内容',
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      const view = await reviewContent({
        ctx: staffCtx(c),
        input: { kind, id, baseVersion: baseVersionOf(c, c.req.valid('json').baseVersion) },
      });
      return versioned(c, view);
    },
  );
}
