import '../zod';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { InterpretationCreateBody, PolicyValidity, policyFieldLabels as L, type Department, type PolicyDetail } from '@zw/shared';
import { pagePaths } from '@zw/shared/paths';
import Page from '../../../components/Page';
import { ErrorState, Loading } from '../../../components/PageState';
import PolicyView from '../../../components/policy/PolicyView';
import { idParam } from '../../../services/nav';
import { ActionBar, Notices, Problems, StatusCard } from '../components/EditChrome';
import { Chip, Field } from '../../../components/kit';
import { EditorHeader, NoAccess, StatusBadge } from '../components/ui';
import { useContentEditor } from '../components/useContentEditor';
import { useEditorSession } from '../components/useEditorSession';
import { TextArea, TextInput } from '../edit/inputs';
import { checkPolicySave, fromPolicyForm, policyPublishCheck, toPolicyForm, toPolicyPreview } from '../policy-form';
import { editorApi, policyApi } from '../services/editor-api';
import { errorText, fmtDateTime } from '../text';
import NewPolicy from './NewPolicy';
import '../components/editor.css';

/**
 * 编辑政策文件: the document's facts, 摘要 and 正文 with a message next to each
 * field, 保存 (with the version it was based on), 发布/撤回, 标记已核对, 版本记录,
 * and its interpretations with 新建解读. `?new=1` starts a new draft instead.
 */
export default function EditPolicy() {
  const { session, allowed } = useEditorSession();
  const { params } = useRouter();
  const id = idParam(params.id);
  const [departments, setDepartments] = useState<Department[]>([]);
  // The preview shows the published interpretations (loaded when it opens); null while closed.
  const [preview, setPreview] = useState<{ interpretations: PolicyDetail['interpretations'] } | null>(null);
  const ed = useContentEditor({
    noun: '政策文件',
    fetch: () => policyApi.get(id!),
    toForm: toPolicyForm,
    fromForm: fromPolicyForm,
    checkSave: checkPolicySave,
    publishCheck: policyPublishCheck,
    save: policyApi.save,
    verb: policyApi.verb,
  });

  useEffect(() => {
    if (!allowed || params.new) return;
    if (params.created) ed.setNotice({ kind: 'ok', text: '草稿已建立。填写完整后即可发布。' });
    if (id !== null) void ed.load();
    editorApi.departments().then(
      (r) => setDepartments(r.data),
      () => undefined,
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [allowed]);
  // Back from an interpretation: its title and status may have changed (only when nothing is being typed here).
  const first = useRef(true);
  useDidShow(() => {
    if (first.current) first.current = false;
    else if (allowed && id !== null && !ed.dirty && ed.entity) void ed.load();
  });

  if (!session) return <Page className="ed-page" />;
  const shell = (title: string, content: JSX.Element) => (
    <Page className="ed-page ed-edit ed-policy-edit">
      <View className="ed-wrap">
        <EditorHeader session={session} title={title} back />
        {content}
      </View>
    </Page>
  );
  if (!allowed || ed.state.denied) return shell('编辑政策文件', <NoAccess session={session} />);
  if (params.new) return shell('新建政策文件', <NewPolicy />);
  if (id === null) return shell('编辑政策文件', <ErrorState message="链接不完整，请从内容列表打开要编辑的政策文件。" />);
  if (ed.state.error) return shell('编辑政策文件', <ErrorState message={ed.state.error} onRetry={() => void ed.load()} />);
  const { entity: policy, form } = ed;
  if (!policy || !form) return shell('编辑政策文件', <Loading text="正在打开…" />);

  if (preview) {
    const dept = form.departmentId === null ? undefined : departments.find((d) => d.id === form.departmentId);
    return (
      <View className="ed-preview">
        <PolicyView
          preview
          policy={toPolicyPreview(form, {
            id: policy.id,
            updatedAt: policy.updatedAt,
            department: dept ? { id: dept.id, name: dept.name } : null,
            interpretations: preview.interpretations,
          })}
          top={
            <View className="zw-banner zw-banner--info ed-preview-bar">
              <Text>预览：含未保存的修改，群众看到的样子（链接不可用；只列出已发布的解读）</Text>
              <View className="zw-btn zw-btn--small ed-preview-back" role="button" onClick={() => setPreview(null)}>
                返回编辑
              </View>
            </View>
          }
        />
      </View>
    );
  }
  const openPreview = () => {
    policyApi.published(policy.id).then(
      (p) => setPreview({ interpretations: p?.interpretations ?? [] }),
      () => setPreview({ interpretations: [] }),
    );
  };

  const text = (key: 'docNumber' | 'title' | 'issuer', max: number, hint?: string) => (
    <Field className="ed-field" errorClassName="ed-error" label={L[key]} field={key} error={ed.err(key)} hint={hint}>
      <TextInput name={key} value={form[key]} max={max} onChange={(v) => ed.set({ [key]: v })} />
    </Field>
  );
  const date = (key: 'issuedAt' | 'effectiveAt' | 'expiresAt', hint: string) => (
    <Field className="ed-field" errorClassName="ed-error" label={L[key]} field={key} error={ed.err(key)} hint={hint}>
      <TextInput name={key} value={form[key]} max={10} placeholder="YYYY-MM-DD" onChange={(v) => ed.set({ [key]: v })} />
    </Field>
  );

  return shell(
    '编辑政策文件',
    <View>
      <StatusCard meta={policy} code={policy.docNumber} title={policy.title} />
      <Notices
        conflict={ed.conflict}
        notice={ed.notice}
        onReload={() => void ed.load().then(() => ed.setConflict(null))}
        onDismiss={() => ed.setConflict(null)}
      />
      <Problems problems={ed.publishProblems} ready="文件信息已完整，可以发布。" />

      <View className="zw-card ed-section">
        <Text className="ed-section__title">文件信息</Text>
        {text('docNumber', 50, '如 青政办发〔2025〕12号。')}
        {text('title', 200)}
        {text('issuer', 100, '如 清溪县人民政府办公室。')}
        <Field
          className="ed-field"
          errorClassName="ed-error"
          label={L.departmentId}
          field="departmentId"
          error={ed.err('departmentId')}
          hint="可不选；选了以后，过期未核报表按部门归口。"
        >
          <View className="zw-chips">
            {departments.map((d) => (
              <Chip
                key={d.id}
                className={`ed-dept ed-dept--${d.code}`}
                on={form.departmentId === d.id}
                onClick={() => ed.set({ departmentId: form.departmentId === d.id ? null : d.id })}
              >
                {d.shortName || d.name}
              </Chip>
            ))}
          </View>
        </Field>
        {date('issuedAt', '文件落款的日期。')}
        {date('effectiveAt', '开始施行的日期。')}
        {date('expiresAt', '不填即长期有效。')}
        <Field className="ed-field" errorClassName="ed-error" label={L.validity} field="validity" error={ed.err('validity')}>
          <View className="zw-chips">
            {PolicyValidity.options.map((v) => (
              <Chip key={v} className={`ed-validity ed-validity--${v}`} on={form.validity === v} onClick={() => ed.set({ validity: v })}>
                {v}
              </Chip>
            ))}
          </View>
        </Field>
      </View>

      <View className="zw-card ed-section">
        <Text className="ed-section__title">摘要和正文</Text>
        <Field
          className="ed-field"
          errorClassName="ed-error"
          label={L.summary}
          field="summary"
          error={ed.err('summary')}
          hint="用一两段话说清文件管什么、对谁有用，显示在文件页最上方。"
        >
          <TextArea name="summary" value={form.summary} max={500} onChange={(summary) => ed.set({ summary })} />
        </Field>
        <Field className="ed-field" errorClassName="ed-error" label={L.body} field="body" error={ed.err('body')} hint="可不填；空行分段。">
          <TextArea name="body" value={form.body} max={50000} onChange={(body) => ed.set({ body })} />
        </Field>
      </View>

      <Interpretations policyId={policy.id} rows={policy.interpretations} onError={(t) => ed.setNotice({ kind: 'error', text: t })} />

      <View className="zw-card ed-section">
        <Text className="ed-section__title">核对和记录</Text>
        <View className="ed-links">
          <Button className="zw-btn ed-review" loading={ed.busy === '核对'} disabled={!!ed.busy} onClick={() => void ed.onReview()}>
            标记已核对
          </Button>
          <Button
            className="zw-btn ed-history"
            onClick={() => void Taro.navigateTo({ url: `${pagePaths.editorHistory}?type=policy&id=${policy.id}` })}
          >
            版本记录
          </Button>
          {ed.published ? (
            <Button className="zw-btn" onClick={() => void Taro.navigateTo({ url: `${pagePaths.policy}?id=${policy.id}` })}>
              查看群众页面
            </Button>
          ) : null}
          {ed.published ? (
            <Button
              className="zw-btn zw-btn--danger ed-unpublish"
              loading={ed.busy === '撤回'}
              disabled={!!ed.busy}
              onClick={() => void ed.onUnpublish()}
            >
              撤回
            </Button>
          ) : null}
        </View>
      </View>

      <ActionBar
        published={ed.published}
        dirty={ed.dirty}
        busy={ed.busy}
        onSave={() => void ed.onSave()}
        onPublish={() => void ed.onPublish()}
        onPreview={openPreview}
      />
    </View>,
  );
}

type InterpRow = { id: number; title: string; status: 'draft' | 'published'; version: number; updatedAt: string };

/** The document's interpretations (drafts too), and 新建解读 with its title. */
function Interpretations({ policyId, rows, onError }: { policyId: number; rows: InterpRow[]; onError: (text: string) => void }) {
  const [title, setTitle] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const create = async () => {
    const parsed = InterpretationCreateBody.safeParse({ title });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请填写解读标题');
      return;
    }
    setError('');
    setBusy(true);
    try {
      const created = await policyApi.createInterpretation(policyId, parsed.data);
      setTitle('');
      void Taro.navigateTo({ url: `${pagePaths.editorInterpretation}?id=${created.id}&created=1` });
    } catch (err) {
      onError(errorText(err, '解读没有建成，请稍后再试'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="zw-card ed-section ed-interps">
      <Text className="ed-section__title">{`政策解读（${rows.length} 篇）`}</Text>
      {rows.length === 0 ? <Text className="zw-muted">还没有解读。谁起草谁解读：文件发布时宜同步发布解读。</Text> : null}
      {rows.map((r) => (
        <View
          key={r.id}
          className="ed-interp-row"
          data-id={r.id}
          role="link"
          onClick={() => void Taro.navigateTo({ url: `${pagePaths.editorInterpretation}?id=${r.id}` })}
        >
          <View className="ed-card__top">
            <Text className="ed-card__title">{r.title}</Text>
            <StatusBadge status={r.status} />
          </View>
          <Text className="zw-muted">{`第 ${r.version} 版 · 更新 ${fmtDateTime(r.updatedAt)} · 点此编辑 ›`}</Text>
        </View>
      ))}
      <Field
        className="ed-field"
        errorClassName="ed-error"
        label="新建解读"
        field="newInterpretation"
        error={error}
        hint="先写标题，其余内容在下一步填写。"
      >
        <TextInput name="new-interpretation" value={title} max={200} placeholder="如 一图读懂《……》" onChange={setTitle} />
      </Field>
      <Button className="zw-btn ed-new-interpretation" loading={busy} disabled={busy} onClick={() => void create()}>
        ＋ 新建解读
      </Button>
    </View>
  );
}
