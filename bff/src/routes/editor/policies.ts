import { createRoute } from '@hono/zod-openapi';
import {
  EditorInterpretation,
  EditorListQuery,
  EditorPolicy,
  EditorPolicyList,
  InterpretationCreateBody,
  InterpretationPatchBody,
  PolicyCreateBody,
  PolicyPatchBody,
} from '@zw/shared';
import { createRouter } from '../../lib/router';
import { json } from '../../lib/openapi';
import { createEntity, updateEntity } from '../../services/editor/engine';
import {
  getEditorInterpretation,
  getEditorPolicy,
  interpretationAdapter,
  listEditorPolicies,
  newInterpretationRecord,
  newPolicyRecord,
  policyAdapter,
} from '../../services/editor/policies';
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

const tags = ['编辑：政策文件与解读'];
const body = <T>(schema: T) => ({ content: { 'application/json': { schema } }, required: true as const });

const list = createRoute({
  method: 'get',
  path: '/editor/policies',
  tags,
  summary: '全部政策文件（含草稿），按状态、部门、标题/文号筛选',
  ...editorAuth,
  request: { query: EditorListQuery },
  responses: { 200: json(EditorPolicyList, '分页列表'), ...editorErrors },
});

const create = createRoute({
  method: 'post',
  path: '/editor/policies',
  tags,
  summary: '新建政策文件（草稿）：必填文号和标题',
  ...editorAuth,
  request: { body: body(PolicyCreateBody) },
  responses: { 201: json(EditorPolicy, '新建的草稿'), ...writeErrors },
});

const get = createRoute({
  method: 'get',
  path: '/editor/policies/{id}',
  tags,
  summary: '政策文件（草稿或已发布）及其全部解读',
  ...editorAuth,
  request: { params: idParams },
  responses: { 200: json(EditorPolicy, '内容'), ...editorErrors, 404: writeErrors[404] },
});

const patch = createRoute({
  method: 'patch',
  path: '/editor/policies/{id}',
  tags,
  summary: '修改政策文件（带 baseVersion 或 If-Match）',
  ...editorAuth,
  request: { params: idParams, body: body(PolicyPatchBody) },
  responses: { 200: json(EditorPolicy, '修改后的内容'), ...writeErrors },
});

const createInterpretation = createRoute({
  method: 'post',
  path: '/editor/policies/{id}/interpretations',
  tags,
  summary: '为政策文件新建解读（草稿）：谁起草谁解读，解读机关默认为发文机关',
  ...editorAuth,
  request: { params: idParams, body: body(InterpretationCreateBody) },
  responses: { 201: json(EditorInterpretation, '新建的草稿'), ...writeErrors },
});

const getInterpretation = createRoute({
  method: 'get',
  path: '/editor/interpretations/{id}',
  tags,
  summary: '政策解读（草稿或已发布）',
  ...editorAuth,
  request: { params: idParams },
  responses: { 200: json(EditorInterpretation, '内容'), ...editorErrors, 404: writeErrors[404] },
});

const patchInterpretation = createRoute({
  method: 'patch',
  path: '/editor/interpretations/{id}',
  tags,
  summary: '修改政策解读（带 baseVersion 或 If-Match）；itemIds 整体替换关联事项',
  ...editorAuth,
  request: { params: idParams, body: body(InterpretationPatchBody) },
  responses: { 200: json(EditorInterpretation, '修改后的内容'), ...writeErrors },
});

export const editorPoliciesRouter = createRouter()
  .openapi(list, async (c) => {
    c.header('Cache-Control', 'private, no-store');
    return c.json(await listEditorPolicies(c.var.db, c.req.valid('query')), 200);
  })
  .openapi(create, async (c) => {
    const { id } = await createEntity(editorContext(c), policyAdapter, newPolicyRecord(c.req.valid('json')));
    return versioned(c, orNotFound(await getEditorPolicy(c.var.db, id), '政策文件'), 201);
  })
  .openapi(get, async (c) => versioned(c, orNotFound(await getEditorPolicy(c.var.db, c.req.valid('param').id), '政策文件')))
  .openapi(patch, async (c) => {
    const id = c.req.valid('param').id;
    const { baseVersion, ...changes } = c.req.valid('json');
    await updateEntity(editorContext(c), policyAdapter, id, changes, baseVersionOf(c, baseVersion));
    return versioned(c, orNotFound(await getEditorPolicy(c.var.db, id), '政策文件'));
  })
  .openapi(createInterpretation, async (c) => {
    const record = await newInterpretationRecord(c.var.db, c.req.valid('param').id, c.req.valid('json'));
    const { id } = await createEntity(editorContext(c), interpretationAdapter, record);
    return versioned(c, orNotFound(await getEditorInterpretation(c.var.db, id), '政策解读'), 201);
  })
  .openapi(getInterpretation, async (c) =>
    versioned(c, orNotFound(await getEditorInterpretation(c.var.db, c.req.valid('param').id), '政策解读')),
  )
  .openapi(patchInterpretation, async (c) => {
    const id = c.req.valid('param').id;
    const { baseVersion, ...changes } = c.req.valid('json');
    await updateEntity(editorContext(c), interpretationAdapter, id, changes, baseVersionOf(c, baseVersion));
    return versioned(c, orNotFound(await getEditorInterpretation(c.var.db, id), '政策解读'));
  });

addVersionVerbs(editorPoliciesRouter, {
  base: '/editor/policies',
  tags,
  adapter: policyAdapter,
  view: (c, id) => getEditorPolicy(c.var.db, id),
  viewSchema: EditorPolicy,
  reviewable: true,
});
addVersionVerbs(editorPoliciesRouter, {
  base: '/editor/interpretations',
  tags,
  adapter: interpretationAdapter,
  view: (c, id) => getEditorInterpretation(c.var.db, id),
  viewSchema: EditorInterpretation,
  reviewable: true,
});
