import { createRoute } from '@hono/zod-openapi';
import { EditorItem, EditorItemList, EditorListQuery, ItemCreateBody, ItemPatchBody } from '@zw/shared';
import { createRouter } from '../../lib/router';
import { json } from '../../lib/openapi';
import { createEntity, updateEntity } from '../../services/editor/engine';
import { getEditorItem, itemAdapter, listEditorItems, newItemRecord } from '../../services/editor/items';
import {
  addVersionVerbs,
  baseVersionOf,
  editorAuth,
  editorContext,
  editorErrors,
  idParams,
  orNotFound,
  versioned,
  writeErrors,
} from './common';

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

export const editorItemsRouter = createRouter()
  .openapi(list, async (c) => {
    c.header('Cache-Control', 'private, no-store');
    return c.json(await listEditorItems(c.var.db, c.req.valid('query')), 200);
  })
  .openapi(create, async (c) => {
    const { id } = await createEntity(editorContext(c), itemAdapter, newItemRecord(c.req.valid('json')));
    return versioned(c, orNotFound(await getEditorItem(c.var.db, id), '办事指南'), 201);
  })
  .openapi(get, async (c) => versioned(c, orNotFound(await getEditorItem(c.var.db, c.req.valid('param').id), '办事指南')))
  .openapi(patch, async (c) => {
    const id = c.req.valid('param').id;
    const { baseVersion, ...changes } = c.req.valid('json');
    await updateEntity(editorContext(c), itemAdapter, id, changes, baseVersionOf(c, baseVersion));
    return versioned(c, orNotFound(await getEditorItem(c.var.db, id), '办事指南'));
  });

addVersionVerbs(editorItemsRouter, {
  base: '/editor/items',
  tags,
  adapter: itemAdapter,
  view: (c, id) => getEditorItem(c.var.db, id),
  viewSchema: EditorItem,
  reviewable: true,
});
