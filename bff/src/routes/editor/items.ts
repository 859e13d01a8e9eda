import { createRoute } from '@hono/zod-openapi';
import { EditorItem, EditorItemList, EditorListQuery, ItemCreateBody, ItemPatchBody } from '@zw/shared';
import { createRouter } from '../../lib/router';
import { json } from '../../lib/openapi';
import { ctxOf, staffCtx } from '../../lib/service';
import { createEditorItem, getEditorItem, itemKind, listEditorItems, updateEditorItem } from '../../services/editor/items';
import { addReviewVerb, addVersionVerbs, baseVersionOf, editorAuth, editorErrors, idParams, versioned, writeErrors } from './common';

const tags = ['编辑：办事指南'];
const body = <T>(schema: T) => ({ content: { 'application/json': { schema } }, required: true as const });

const list = createRoute({
  method: 'get',
  path: '/editor/items',
  tags,
  summary: '全部办事指南（含草稿），按状态、部门、名称/编码筛选',
  ...editorAuth,
  request: { query: EditorListQuery },
  responses: { 200: json(EditorItemList, '分页列表'), ...editorErrors },
});

const create = createRoute({
  method: 'post',
  path: '/editor/items',
  tags,
  summary: '新建办事指南（草稿）：必填事项编码、名称、部门、类型，其余可以以后补',
  ...editorAuth,
  request: { body: body(ItemCreateBody) },
  responses: { 201: json(EditorItem, '新建的草稿；ETag 为版本号'), ...writeErrors },
});

const get = createRoute({
  method: 'get',
  path: '/editor/items/{id}',
  tags,
  summary: '办事指南（草稿或已发布），附发布前还缺什么（publishProblems）；ETag 为 "v<版本号>"',
  ...editorAuth,
  request: { params: idParams },
  responses: { 200: json(EditorItem, '内容'), ...editorErrors, 404: writeErrors[404] },
});

const patch = createRoute({
  method: 'patch',
  path: '/editor/items/{id}',
  tags,
  summary: '修改办事指南：只传要改的字段，并带上所基于的版本（baseVersion 或 If-Match）；已发布的修改即时生效，须保持完整',
  ...editorAuth,
  request: { params: idParams, body: body(ItemPatchBody) },
  responses: { 200: json(EditorItem, '修改后的内容'), ...writeErrors },
});

const crud = createRouter()
  .openapi(list, async (c) => {
    c.header('Cache-Control', 'private, no-store');
    return c.json(await listEditorItems({ ctx: ctxOf(c), input: c.req.valid('query') }), 200);
  })
  .openapi(create, async (c) => versioned(c, await createEditorItem({ ctx: staffCtx(c), input: c.req.valid('json') }), 201))
  .openapi(get, async (c) => versioned(c, await getEditorItem({ ctx: ctxOf(c), input: c.req.valid('param') })))
  .openapi(patch, async (c) => {
    const { baseVersion, ...changes } = c.req.valid('json');
    const input = { id: c.req.valid('param').id, baseVersion: baseVersionOf(c, baseVersion), changes };
    return versioned(c, await updateEditorItem({ ctx: staffCtx(c), input }));
  });

const verbs = { base: '/editor/items', tags, kind: itemKind, viewSchema: EditorItem } as const;
export const editorItemsRouter = addReviewVerb(addVersionVerbs(crud, verbs), verbs);
