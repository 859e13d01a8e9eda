import { createRoute } from '@hono/zod-openapi';
import { EditorHall, EditorHallList, EditorWindow, HallCreateBody, HallPatchBody, WindowCreateBody, WindowPatchBody } from '@zw/shared';
import { createRouter } from '../../lib/router';
import { json } from '../../lib/openapi';
import { NotFoundError } from '../../lib/errors';
import { createEntity, updateEntity } from '../../services/editor/engine';
import { getEditorHall, getEditorWindow, hallAdapter, hallExists, listEditorHalls, windowAdapter } from '../../services/editor/halls';
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

const tags = ['编辑：服务大厅与窗口'];
const body = <T>(schema: T) => ({ content: { 'application/json': { schema } }, required: true as const });

const list = createRoute({
  method: 'get',
  path: '/editor/halls',
  tags,
  summary: '全部服务大厅（含未发布的）',
  ...editorAuth,
  responses: { 200: json(EditorHallList, '列表'), ...editorErrors },
});

const create = createRoute({
  method: 'post',
  path: '/editor/halls',
  tags,
  summary: '新建服务大厅（草稿，发布后群众可见）',
  ...editorAuth,
  request: { body: body(HallCreateBody) },
  responses: { 201: json(EditorHall, '新建的大厅'), ...writeErrors },
});

const get = createRoute({
  method: 'get',
  path: '/editor/halls/{id}',
  tags,
  summary: '服务大厅及其全部窗口（含未发布的）',
  ...editorAuth,
  request: { params: idParams },
  responses: { 200: json(EditorHall, '内容'), ...editorErrors, 404: writeErrors[404] },
});

const patch = createRoute({
  method: 'patch',
  path: '/editor/halls/{id}',
  tags,
  summary: '修改服务大厅（带 baseVersion 或 If-Match）',
  ...editorAuth,
  request: { params: idParams, body: body(HallPatchBody) },
  responses: { 200: json(EditorHall, '修改后的内容'), ...writeErrors },
});

const createWindow = createRoute({
  method: 'post',
  path: '/editor/halls/{id}/windows',
  tags,
  summary: '在大厅新建窗口（草稿）：编号、名称、进驻部门、可办事项',
  ...editorAuth,
  request: { params: idParams, body: body(WindowCreateBody) },
  responses: { 201: json(EditorWindow, '新建的窗口'), ...writeErrors },
});

const getWindow = createRoute({
  method: 'get',
  path: '/editor/windows/{id}',
  tags,
  summary: '窗口（含未发布的）',
  ...editorAuth,
  request: { params: idParams },
  responses: { 200: json(EditorWindow, '内容'), ...editorErrors, 404: writeErrors[404] },
});

const patchWindow = createRoute({
  method: 'patch',
  path: '/editor/windows/{id}',
  tags,
  summary: '修改窗口（带 baseVersion 或 If-Match）；itemIds 整体替换可办事项',
  ...editorAuth,
  request: { params: idParams, body: body(WindowPatchBody) },
  responses: { 200: json(EditorWindow, '修改后的内容'), ...writeErrors },
});

export const editorHallsRouter = createRouter()
  .openapi(list, async (c) => {
    c.header('Cache-Control', 'private, no-store');
    return c.json({ data: await listEditorHalls(c.var.db) }, 200);
  })
  .openapi(create, async (c) => {
    const { id } = await createEntity(editorContext(c), hallAdapter, { ...c.req.valid('json'), status: 'draft' });
    return versioned(c, orNotFound(await getEditorHall(c.var.db, id), '服务大厅'), 201);
  })
  .openapi(get, async (c) => versioned(c, orNotFound(await getEditorHall(c.var.db, c.req.valid('param').id), '服务大厅')))
  .openapi(patch, async (c) => {
    const id = c.req.valid('param').id;
    const { baseVersion, ...changes } = c.req.valid('json');
    await updateEntity(editorContext(c), hallAdapter, id, changes, baseVersionOf(c, baseVersion));
    return versioned(c, orNotFound(await getEditorHall(c.var.db, id), '服务大厅'));
  })
  .openapi(createWindow, async (c) => {
    const hallId = c.req.valid('param').id;
    if (!(await hallExists(c.var.db, hallId))) throw new NotFoundError('没有找到这个服务大厅');
    const { id } = await createEntity(editorContext(c), windowAdapter, { ...c.req.valid('json'), hallId, status: 'draft' });
    return versioned(c, orNotFound(await getEditorWindow(c.var.db, id), '窗口'), 201);
  })
  .openapi(getWindow, async (c) => versioned(c, orNotFound(await getEditorWindow(c.var.db, c.req.valid('param').id), '窗口')))
  .openapi(patchWindow, async (c) => {
    const id = c.req.valid('param').id;
    const { baseVersion, ...changes } = c.req.valid('json');
    await updateEntity(editorContext(c), windowAdapter, id, changes, baseVersionOf(c, baseVersion));
    return versioned(c, orNotFound(await getEditorWindow(c.var.db, id), '窗口'));
  });

addVersionVerbs(editorHallsRouter, {
  base: '/editor/halls',
  tags,
  adapter: hallAdapter,
  view: (c, id) => getEditorHall(c.var.db, id),
  viewSchema: EditorHall,
  reviewable: false,
});
addVersionVerbs(editorHallsRouter, {
  base: '/editor/windows',
  tags,
  adapter: windowAdapter,
  view: (c, id) => getEditorWindow(c.var.db, id),
  viewSchema: EditorWindow,
  reviewable: false,
});
