import '../zod';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { InterpretationForm as Forms, interpretationFieldLabels as L, type Department, type EditorPolicy } from '@zw/shared';
import { pagePaths } from '@zw/shared/paths';
import Page from '../../../components/Page';
import { ErrorState, Loading } from '../../../components/PageState';
import InterpretationView from '../../../components/policy/InterpretationView';
import { idParam } from '../../../services/nav';
import { ActionBar, Notices, Problems, StatusCard } from '../components/EditChrome';
import { Chip, Field, FieldError } from '../../../components/kit';
import { EditorHeader, NoAccess } from '../components/ui';
import { useContentEditor } from '../components/useContentEditor';
import { useEditorSession } from '../components/useEditorSession';
import { RowList, TextArea, TextInput } from '../edit/inputs';
import { emptyFaq } from '../form';
import {
  checkInterpretationSave,
  emptyTerm,
  fromInterpretationForm,
  interpretationPublishCheck,
  toInterpretationForm,
  toInterpretationPreview,
  type InterpretationForm,
} from '../policy-form';
import { editorApi, policyApi } from '../services/editor-api';
import ItemPicker from './ItemPicker';
import '../components/editor.css';

type TextKey = 'title' | 'interpreter' | 'publishedAt' | 'background' | 'purpose' | 'scope' | 'changes' | 'benefits';

/**
 * 编辑政策解读: 谁起草谁解读 — its parts in the order citizens read them, a
 * message next to each, 保存/发布/撤回/标记已核对/版本记录 as for the document,
 * and 预览 with the citizen page's own component (unsaved edits included).
 */
export default function EditInterpretation() {
  const { session, allowed } = useEditorSession();
  const { params } = useRouter();
  const id = idParam(params.id);
  const [policy, setPolicy] = useState<EditorPolicy | null>(null);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [preview, setPreview] = useState(false);
  const ed = useContentEditor({
    noun: '解读',
    fetch: async () => {
      const it = await policyApi.interpretation(id!);
      policyApi.get(it.policyId).then(setPolicy, () => undefined);
      return it;
    },
    toForm: toInterpretationForm,
    fromForm: fromInterpretationForm,
    checkSave: checkInterpretationSave,
    publishCheck: interpretationPublishCheck,
    save: policyApi.saveInterpretation,
    verb: policyApi.interpretationVerb,
  });

  useEffect(() => {
    if (!allowed) return;
    if (params.created) ed.setNotice({ kind: 'ok', text: '解读草稿已建立。填写完整后即可发布。' });
    if (id !== null) void ed.load();
    editorApi.departments().then(
      (r) => setDepartments(r.data),
      () => undefined,
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [allowed]);

  if (!session) return <Page className="ed-page" />;
  const shell = (content: JSX.Element) => (
    <Page className="ed-page ed-edit ed-interp-edit">
      <View className="ed-wrap">
        <EditorHeader session={session} title="编辑政策解读" back />
        {content}
      </View>
    </Page>
  );
  if (!allowed || ed.state.denied) return shell(<NoAccess session={session} />);
  if (id === null) return shell(<ErrorState message="链接不完整，请从政策文件的编辑页打开解读。" />);
  if (ed.state.error) return shell(<ErrorState message={ed.state.error} onRetry={() => void ed.load()} />);
  const { entity: it, form } = ed;
  if (!it || !form) return shell(<Loading text="正在打开…" />);

  if (preview && policy) {
    const dept = policy.departmentId === null ? null : departments.find((d) => d.id === policy.departmentId);
    return (
      <View className="ed-preview">
        <InterpretationView
          preview
          it={toInterpretationPreview(form, {
            id: it.id,
            updatedAt: it.updatedAt,
            policy,
            department: dept ? { id: dept.id, name: dept.name } : null,
          })}
          top={
            <View className="zw-banner zw-banner--info ed-preview-bar">
              <Text>预览：含未保存的修改，群众看到的样子（链接不可用；关联事项发布后显示）</Text>
              <View className="zw-btn zw-btn--small ed-preview-back" role="button" onClick={() => setPreview(false)}>
                返回编辑
              </View>
            </View>
          }
        />
      </View>
    );
  }

  const text = (key: TextKey, max: number, o: { hint?: string; area?: boolean; short?: boolean; placeholder?: string } = {}) => (
    <Field className="ed-field" errorClassName="ed-error" label={L[key]} field={key} error={ed.err(key)} hint={o.hint}>
      {o.area ? (
        <TextArea
          name={key}
          short={o.short}
          value={form[key]}
          max={max}
          placeholder={o.placeholder}
          onChange={(v) => ed.set({ [key]: v } as Partial<InterpretationForm>)}
        />
      ) : (
        <TextInput
          name={key}
          value={form[key]}
          max={max}
          placeholder={o.placeholder}
          onChange={(v) => ed.set({ [key]: v } as Partial<InterpretationForm>)}
        />
      )}
    </Field>
  );

  return shell(
    <View>
      <StatusCard meta={it} code={policy ? `解读 · ${policy.docNumber}` : '解读'} title={it.title} />
      {policy ? (
        <View
          className="zw-card ed-interp-policy"
          role="link"
          onClick={() => void Taro.navigateTo({ url: `${pagePaths.editorPolicy}?id=${policy.id}` })}
        >
          <Text className="zw-muted">{`所解读的文件：${policy.title}（${policy.docNumber}）›`}</Text>
        </View>
      ) : null}
      <Notices
        conflict={ed.conflict}
        notice={ed.notice}
        onReload={() => void ed.load().then(() => ed.setConflict(null))}
        onDismiss={() => ed.setConflict(null)}
      />
      <Problems problems={ed.publishProblems} ready="解读各部分已完整，可以发布。" />

      <View className="zw-card ed-section">
        <Text className="ed-section__title">基本信息</Text>
        {text('title', 200)}
        <Field className="ed-field" errorClassName="ed-error" label={L.form} field="form" error={ed.err('form')}>
          <View className="zw-chips">
            {Forms.options.map((f) => (
              <Chip key={f} on={form.form === f} onClick={() => ed.set({ form: f })}>
                {f}
              </Chip>
            ))}
          </View>
        </Field>
        {text('interpreter', 100, { hint: '谁起草谁解读：一般为发文机关或牵头部门。' })}
        {text('publishedAt', 10, { placeholder: 'YYYY-MM-DD', hint: '不填则为发布当天。' })}
      </View>

      <View className="zw-card ed-section">
        <Text className="ed-section__title">解读内容</Text>
        {text('background', 3000, { area: true })}
        {text('purpose', 2000, { area: true })}
        <Field
          className="ed-field"
          errorClassName="ed-error"
          label={L.mainPoints}
          field="mainPoints"
          error={ed.err('mainPoints')}
          hint="至少一条，一条讲一件事。"
        >
          <RowList
            name="mainPoints"
            movable
            rows={form.mainPoints}
            make={() => ''}
            addLabel="添加一条主要内容"
            badRow={(i) => !!ed.err(`mainPoints.${i}`)}
            onChange={(rows) => ed.set({ mainPoints: rows })}
            render={(p, i, put) => (
              <View>
                <TextArea name="mainPoint" short value={p} max={1000} onChange={put} />
                <FieldError className="ed-error" field={`mainPoints.${i}`} text={ed.err(`mainPoints.${i}`)} />
              </View>
            )}
          />
        </Field>
        {text('scope', 1000, { area: true, short: true })}
        <Field className="ed-field" errorClassName="ed-error" label={L.keyTerms} field="keyTerms" error={ed.err('keyTerms')}>
          <RowList
            name="keyTerms"
            rows={form.keyTerms}
            make={emptyTerm}
            addLabel="添加一个术语"
            badRow={(i) => !!(ed.err(`keyTerms.${i}.term`) || ed.err(`keyTerms.${i}.definition`))}
            onChange={(rows) => ed.set({ keyTerms: rows })}
            render={(t, i, put) => (
              <View>
                <Text className="ed-row__sub">术语</Text>
                <TextInput name="term" value={t.term} max={50} onChange={(term) => put({ ...t, term })} />
                <FieldError className="ed-error" field={`keyTerms.${i}.term`} text={ed.err(`keyTerms.${i}.term`)} />
                <Text className="ed-row__sub">释义</Text>
                <TextArea name="definition" short value={t.definition} max={500} onChange={(definition) => put({ ...t, definition })} />
                <FieldError className="ed-error" field={`keyTerms.${i}.definition`} text={ed.err(`keyTerms.${i}.definition`)} />
              </View>
            )}
          />
        </Field>
        {text('changes', 2000, { area: true, short: true, hint: '可不填；修订的文件写明与旧政策相比改了什么。' })}
        {text('benefits', 2000, { area: true, short: true, hint: '可不填。' })}
        <Field className="ed-field" errorClassName="ed-error" label={L.qa} field="qa" error={ed.err('qa')}>
          <RowList
            name="qa"
            movable
            rows={form.qa}
            make={emptyFaq}
            addLabel="添加一组问答"
            badRow={(i) => !!(ed.err(`qa.${i}.q`) || ed.err(`qa.${i}.a`))}
            onChange={(rows) => ed.set({ qa: rows })}
            render={(q, i, put) => (
              <View>
                <Text className="ed-row__sub">问题</Text>
                <TextInput name="qa-q" value={q.q} max={300} onChange={(v) => put({ ...q, q: v })} />
                <FieldError className="ed-error" field={`qa.${i}.q`} text={ed.err(`qa.${i}.q`)} />
                <Text className="ed-row__sub">回答</Text>
                <TextArea name="qa-a" short value={q.a} max={2000} onChange={(a) => put({ ...q, a })} />
                <FieldError className="ed-error" field={`qa.${i}.a`} text={ed.err(`qa.${i}.a`)} />
              </View>
            )}
          />
        </Field>
        <Field
          className="ed-field"
          errorClassName="ed-error"
          label={L.itemIds}
          field="itemIds"
          error={ed.err('itemIds')}
          hint="可不填。查找后点“关联”，或直接填写事项编号（编辑页地址中的 id），多个用顿号隔开。"
        >
          <TextInput name="itemIds" value={form.itemIds} max={200} placeholder="如 12、15" onChange={(itemIds) => ed.set({ itemIds })} />
          <ItemPicker value={form.itemIds} onChange={(itemIds) => ed.set({ itemIds })} />
        </Field>
      </View>

      <View className="zw-card ed-section">
        <Text className="ed-section__title">核对和记录</Text>
        <View className="ed-links">
          <Button className="zw-btn ed-review" loading={ed.busy === '核对'} disabled={!!ed.busy} onClick={() => void ed.onReview()}>
            标记已核对
          </Button>
          <Button
            className="zw-btn ed-history"
            onClick={() => void Taro.navigateTo({ url: `${pagePaths.editorHistory}?type=interpretation&id=${it.id}` })}
          >
            版本记录
          </Button>
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
        onPreview={policy ? () => setPreview(true) : undefined}
      />
    </View>,
  );
}
