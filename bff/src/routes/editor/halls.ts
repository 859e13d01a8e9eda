import { createRoute } from '@hono/zod-openapi';
import { EditorHall, EditorHallList, EditorWindow, HallCreateBody, HallPatchBody, WindowCreateBody, WindowPatchBody } from '@zw/shared';
import { createRouter } from '../../lib/router';
import { json } from '../../lib/openapi';
import { ctxOf, staffCtx } from '../../lib/service';
import {
  createEditorHall,
  createEditorWindow,
  getEditorHall,
  getEditorWindow,
  hallKind,
  listEditorHalls,
  updateEditorHall,
  updateEditorWindow,
  windowKind,
} from '../../services/editor/halls';
import { addVersionVerbs, baseVersionOf, editorAuth, editorErrors, idParams, versioned, writeErrors } from './common';

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

const crud = createRouter()
  .openapi(list, async (c) => {
    c.header('Cache-Control', 'private, no-store');
    return c.json({ data: await listEditorHalls({ ctx: ctxOf(c) }) }, 200);
  })
  .openapi(create, async (c) => versioned(c, await createEditorHall({ ctx: staffCtx(c), input: c.req.valid('json') }), 201))
  .openapi(get, async (c) => versioned(c, await getEditorHall({ ctx: ctxOf(c), input: c.req.valid('param') })))
  .openapi(patch, async (c) => {
    const { baseVersion, ...changes } = c.req.valid('json');
    const input = { id: c.req.valid('param').id, baseVersion: baseVersionOf(c, baseVersion), changes };
    return versioned(c, await updateEditorHall({ ctx: staffCtx(c), input }));
  })
  .openapi(createWindow, async (c) => {
    const input = { hallId: c.req.valid('param').id, body: c.req.valid('json') };
    return versioned(c, await createEditorWindow({ ctx: staffCtx(c), input }), 201);
  })
  .openapi(getWindow, async (c) => versioned(c, await getEditorWindow({ ctx: ctxOf(c), input: c.req.valid('param') })))
  .openapi(patchWindow, async (c) => {
    const { baseVersion, ...changes } = c.req.valid('json');
    const input = { id: c.req.valid('param').id, baseVersion: baseVersionOf(c, baseVersion), changes };
    return versioned(c, await updateEditorWindow({ ctx: staffCtx(c), input }));
  });

export const editorHallsRouter = addVersionVerbs(
  addVersionVerbs(crud, { base: '/editor/halls', tags, kind: hallKind, viewSchema: EditorHall }),
  {
    base: '/editor/windows',
    tags,
    kind: windowKind,
    viewSchema: EditorWindow,
  },
);
