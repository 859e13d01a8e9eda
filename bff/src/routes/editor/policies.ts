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
import { ctxOf, staffCtx } from '../../lib/service';
import {
  createEditorInterpretation,
  createEditorPolicy,
  getEditorInterpretation,
  getEditorPolicy,
  interpretationKind,
  listEditorPolicies,
  policyKind,
  updateEditorInterpretation,
  updateEditorPolicy,
} from '../../services/editor/policies';
import { addReviewVerb, addVersionVerbs, baseVersionOf, editorAuth, editorErrors, idParams, versioned, writeErrors } from './common';

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

const crud = createRouter()
  .openapi(list, async (c) => {
    c.header('Cache-Control', 'private, no-store');
    return c.json(await listEditorPolicies({ ctx: ctxOf(c), input: c.req.valid('query') }), 200);
  })
  .openapi(create, async (c) => versioned(c, await createEditorPolicy({ ctx: staffCtx(c), input: c.req.valid('json') }), 201))
  .openapi(get, async (c) => versioned(c, await getEditorPolicy({ ctx: ctxOf(c), input: c.req.valid('param') })))
  .openapi(patch, async (c) => {
    const { baseVersion, ...changes } = c.req.valid('json');
    const input = { id: c.req.valid('param').id, baseVersion: baseVersionOf(c, baseVersion), changes };
    return versioned(c, await updateEditorPolicy({ ctx: staffCtx(c), input }));
  })
  .openapi(createInterpretation, async (c) => {
    const input = { policyId: c.req.valid('param').id, body: c.req.valid('json') };
    return versioned(c, await createEditorInterpretation({ ctx: staffCtx(c), input }), 201);
  })
  .openapi(getInterpretation, async (c) => versioned(c, await getEditorInterpretation({ ctx: ctxOf(c), input: c.req.valid('param') })))
  .openapi(patchInterpretation, async (c) => {
    const { baseVersion, ...changes } = c.req.valid('json');
    const input = { id: c.req.valid('param').id, baseVersion: baseVersionOf(c, baseVersion), changes };
    return versioned(c, await updateEditorInterpretation({ ctx: staffCtx(c), input }));
  });

const policyVerbs = { base: '/editor/policies', tags, kind: policyKind, viewSchema: EditorPolicy } as const;
const interpretationVerbs = { base: '/editor/interpretations', tags, kind: interpretationKind, viewSchema: EditorInterpretation } as const;
export const editorPoliciesRouter = addReviewVerb(
  addVersionVerbs(addReviewVerb(addVersionVerbs(crud, policyVerbs), policyVerbs), interpretationVerbs),
  interpretationVerbs,
);
