import '../zod';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ContentVersion, EditorItem, FieldProblem } from '@zw/shared';
import { pagePaths } from '@zw/shared/paths';
import Page from '../../../components/Page';
import { ErrorState, Loading } from '../../../components/PageState';
import { idParam } from '../../../services/nav';
import { Banner } from '../../../components/kit';
import { EditorHeader, NoAccess, StatusBadge } from '../components/ui';
import { useEditorSession } from '../components/useEditorSession';
import {
  checkSave,
  fromForm,
  problemsToErrors,
  publishCheck,
  reindexErrors,
  toForm,
  toPreview,
  type FieldErrors,
  type ItemForm,
  type ItemRecord,
} from '../form';
import { ApiError, editorApi } from '../services/editor-api';
import { setPreview } from '../services/preview';
import { errorText, fmtDateTime } from '../text';
import Conflict, { type ConflictInfo } from './Conflict';
import ItemFields, { type ListKey } from './ItemFields';
import NewItem from './NewItem';
import type { RowOrder } from './inputs';
import '../components/editor.css';

type Loaded = { item: EditorItem; base: ItemRecord; form: ItemForm; department: { id: number; name: string; phone: string } };

/**
 * 编辑办事指南: the form in the 七公开 order, a message next to each field,
 * what still blocks publishing, 保存草稿 (only the changed fields, with the
 * version they were based on), 发布/撤回, 标记已核对, and the ways to 预览,
 * 版本记录 and 打印. `?new=1` starts a new draft instead.
 */
export default function EditItem() {
  const { session, allowed } = useEditorSession();
  const { params } = useRouter();
  const id = idParam(params.id);
  const [state, setState] = useState<{ loaded: Loaded | null; error: string; denied: boolean }>({ loaded: null, error: '', denied: false });
  const [form, setForm] = useState<ItemForm | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  // After a publish attempt, what publishing refuses is shown next to each field too (live, as they fix it).
  const [showPublish, setShowPublish] = useState(false);
  const [conflict, setConflict] = useState<ConflictInfo | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error' | 'warn'; text: string } | null>(
    params.created ? { kind: 'ok', text: '草稿已建立。填写完整后即可发布。' } : null,
  );
  const [busy, setBusy] = useState<string | null>(null);

  const adopt = useCallback(async (item: EditorItem) => {
    let department = { id: item.departmentId, name: '', phone: '' };
    try {
      const d = (await editorApi.departments()).data.find((x) => x.id === item.departmentId);
      if (d) department = { id: d.id, name: d.name, phone: d.phone };
    } catch {
      /* the name only labels the preview */
    }
    const f = toForm(item);
    setState({ loaded: { item, base: fromForm(f), form: f, department }, error: '', denied: false });
    setForm(f);
  }, []);

  const load = useCallback(async () => {
    if (id === null) return;
    setState({ loaded: null, error: '', denied: false });
    try {
      await adopt(await editorApi.item(id));
    } catch (err) {
      setState({ loaded: null, error: errorText(err, '加载失败，请稍后再试'), denied: err instanceof ApiError && err.status === 403 });
    }
  }, [id, adopt]);

  useEffect(() => {
    if (allowed && !params.new) void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [allowed]);

  const publishProblems = useMemo(() => (form ? publishCheck(form) : []), [form]);
  const publishErrors = useMemo(() => problemsToErrors(publishProblems), [publishProblems]);
  const err = (path: string) => errors[path] ?? (showPublish ? publishErrors[path] : undefined);

  if (!session) return <Page className="ed-page" />;
  const shell = (title: string, content: JSX.Element, back = true) => (
    <Page className="ed-page ed-edit">
      <View className="ed-wrap">
        <EditorHeader session={session} title={title} back={back} />
        {content}
      </View>
    </Page>
  );
  if (!allowed || state.denied) return shell('编辑办事指南', <NoAccess session={session} />);
  if (params.new) return shell('新建事项', <NewItem />);
  if (id === null) return shell('编辑办事指南', <ErrorState message="链接不完整，请从内容列表打开要编辑的事项。" />);
  if (state.error) return shell('编辑办事指南', <ErrorState message={state.error} onRetry={() => void load()} />);
  if (!state.loaded || !form) return shell('编辑办事指南', <Loading text="正在打开…" />);

  const { item, base } = state.loaded;
  const dirty = JSON.stringify(fromForm(form)) !== JSON.stringify(base);
  const published = item.status === 'published';

  const set = (patch: Partial<ItemForm>) => {
    setForm((f) => (f ? { ...f, ...patch } : f));
    // A message goes once its field is edited; the next check says what is still wrong.
    setErrors((e) => {
      const out = { ...e };
      for (const k of Object.keys(patch)) for (const p of Object.keys(out)) if (p === k || p.startsWith(`${k}.`)) delete out[p];
      return out;
    });
  };
  const setList = <K extends ListKey>(key: K, rows: ItemForm[K], order: RowOrder) => {
    setForm((f) => (f ? { ...f, [key]: rows } : f));
    setErrors((e) => {
      const out = reindexErrors(e, key, order);
      delete out[key];
      return out;
    });
  };

  /** Server answers → messages next to the fields, a conflict, or a plain notice. */
  const explain = (e: unknown, what: string) => {
    if (e instanceof ApiError && e.status === 409 && e.details && typeof e.details === 'object' && 'changedSince' in e.details) {
      setConflict({ message: e.message, since: (e.details as { changedSince: ContentVersion[] }).changedSince });
      return;
    }
    const details =
      e instanceof ApiError
        ? (e.details as { problems?: FieldProblem[]; issues?: Array<{ field: string; message: string }> } | undefined)
        : undefined;
    if (details?.problems?.length) {
      setErrors(problemsToErrors(details.problems));
      setShowPublish(true);
    } else if (details?.issues?.length) {
      setErrors(problemsToErrors(details.issues.map((i) => ({ field: i.field.replace(/^(body|record)\./, ''), message: i.message }))));
    }
    setNotice({ kind: 'error', text: errorText(e, `${what}没有成功，请稍后再试`) });
  };

  /** Saves the changed fields; returns the saved item, or null when nothing could be saved. */
  const save = async (): Promise<EditorItem | null> => {
    const check = checkSave(base, form);
    if (!check.ok) {
      setErrors(check.errors);
      setNotice({ kind: 'error', text: `有 ${Object.keys(check.errors).length} 处填写有误，请按红字修改后再保存。` });
      return null;
    }
    if (Object.keys(check.patch).length === 0) return item;
    // A published guide changes for citizens at once: it must stay complete.
    if (published && publishProblems.length) {
      setShowPublish(true);
      setNotice({ kind: 'error', text: '这个事项已发布，保存后群众立即看到，因此必须保持完整：请先按红字补全，或先撤回再保存草稿。' });
      return null;
    }
    const saved = await editorApi.save(item.id, item.version, check.patch);
    await adopt(saved);
    setErrors({});
    return saved;
  };

  const run = async (what: string, action: () => Promise<string | null>) => {
    setBusy(what);
    setNotice(null);
    setConflict(null);
    try {
      const done = await action();
      if (done) setNotice({ kind: 'ok', text: done });
    } catch (e) {
      explain(e, what);
    } finally {
      setBusy(null);
    }
  };

  const onSave = () => run('保存', async () => ((await save()) ? (published ? '已保存，群众现在看到的是新内容。' : '草稿已保存。') : null));

  const onPublish = () =>
    run('发布', async () => {
      if (publishProblems.length) {
        setShowPublish(true);
        setNotice({ kind: 'error', text: `还不能发布：有 ${publishProblems.length} 处需要补全或修改，已在对应内容下方用红字标出。` });
        return null;
      }
      const saved = dirty ? await save() : item;
      if (!saved) return null;
      await adopt(await editorApi.publish(saved.id, saved.version));
      setShowPublish(false);
      return '已发布，群众现在就能看到。';
    });

  const onUnpublish = () =>
    run('撤回', async () => {
      const r = await Taro.showModal({
        title: '撤回这个事项？',
        content: '撤回后群众立即看不到这份办事指南，搜索中也会移除。可以随时再发布。',
        confirmText: '撤回',
        cancelText: '取消',
      });
      if (!r.confirm) return null;
      if (dirty) {
        setNotice({ kind: 'warn', text: '有未保存的修改：请先保存或放弃修改，再撤回。' });
        return null;
      }
      await adopt(await editorApi.unpublish(item.id, item.version));
      return '已撤回，群众现在看不到这个事项。';
    });

  const onReview = () =>
    run('核对', async () => {
      if (dirty) {
        setNotice({ kind: 'warn', text: '有未保存的修改：请先保存，再标记已核对。' });
        return null;
      }
      await adopt(await editorApi.review(item.id, item.version));
      return '已标记为核对过，内容列表的“过期未核”会重新计算。';
    });

  const onPreview = () => {
    setPreview(
      toPreview(form, {
        id: item.id,
        qrCode: item.qrCode,
        createdAt: item.createdAt,
        updatedAt: item.updatedAt,
        department: state.loaded!.department,
      }),
    );
    void Taro.navigateTo({ url: `${pagePaths.editorPreview}?id=${item.id}` });
  };

  return shell(
    '编辑办事指南',
    <View>
      <View className="zw-card">
        <View className="ed-meta">
          <StatusBadge status={item.status} />
          <Text className="ed-version-no">{`第 ${item.version} 版`}</Text>
          <Text>{item.code}</Text>
        </View>
        <Text className="ed-card__title">{item.name || '（未命名）'}</Text>
        <Text className="zw-muted">{`最后修改 ${fmtDateTime(item.updatedAt)} · ${item.reviewedAt ? `${item.reviewedBy?.name ?? ''} 核对于 ${fmtDateTime(item.reviewedAt)}` : '还没有核对过'}`}</Text>
        {published ? (
          <Text className="ed-hint">已发布：保存后群众立即看到修改。</Text>
        ) : (
          <Text className="ed-hint">草稿：群众看不到，发布后才公开。</Text>
        )}
      </View>

      {conflict ? (
        <Conflict info={conflict} onReload={() => void load().then(() => setConflict(null))} onDismiss={() => setConflict(null)} />
      ) : null}
      {notice ? (
        <Banner kind={notice.kind} className="ed-notice">
          {notice.text}
        </Banner>
      ) : null}

      {publishProblems.length ? (
        <Banner kind="warn" className="ed-problems">
          <Text className="zw-banner__title">{`发布前还需完善 ${publishProblems.length} 处`}</Text>
          {publishProblems.slice(0, 8).map((p) => (
            <Text key={p.field} className="ed-problems__item">
              <Text className="ed-problems__label">{p.label}</Text>
              {`：${p.message}`}
            </Text>
          ))}
          {publishProblems.length > 8 ? <Text className="ed-problems__item">{`……另有 ${publishProblems.length - 8} 处`}</Text> : null}
        </Banner>
      ) : (
        <Banner kind="ok" className="ed-problems-none">
          七公开和其他内容已完整，可以发布。
        </Banner>
      )}

      <ItemFields form={form} set={set} setList={setList} err={err} />

      <View className="zw-card ed-section">
        <Text className="ed-section__title">核对、记录和打印</Text>
        <View className="ed-links">
          <Button className="zw-btn ed-review" loading={busy === '核对'} disabled={!!busy} onClick={() => void onReview()}>
            标记已核对
          </Button>
          <Button className="zw-btn ed-history" onClick={() => void Taro.navigateTo({ url: `${pagePaths.editorHistory}?id=${item.id}` })}>
            版本记录
          </Button>
          <Button className="zw-btn ed-print" onClick={() => void Taro.navigateTo({ url: `${pagePaths.editorPrint}?item=${item.id}` })}>
            明白纸和二维码
          </Button>
          {published ? (
            <Button
              className="zw-btn zw-btn--danger ed-unpublish"
              loading={busy === '撤回'}
              disabled={!!busy}
              onClick={() => void onUnpublish()}
            >
              撤回
            </Button>
          ) : null}
        </View>
      </View>

      <View className="ed-bar">
        <View className="ed-bar__inner">
          <Button className="zw-btn ed-preview" onClick={onPreview}>
            预览
          </Button>
          <Button className="zw-btn ed-save" loading={busy === '保存'} disabled={!!busy} onClick={() => void onSave()}>
            {published ? '保存' : '保存草稿'}
          </Button>
          <Button className="zw-btn zw-btn--solid ed-publish" loading={busy === '发布'} disabled={!!busy} onClick={() => void onPublish()}>
            {published ? (dirty ? '保存并发布' : '重新发布') : '发布'}
          </Button>
        </View>
      </View>
    </View>,
  );
}
