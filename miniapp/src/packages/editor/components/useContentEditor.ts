import Taro from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ContentStatus, ContentVersion, FieldProblem } from '@zw/shared';
import type { ConflictInfo } from '../edit/Conflict';
import { problemsToErrors, type FieldErrors } from '../form';
import { wordProblems, type SaveCheck } from '../policy-form';
import { ApiError } from '../services/editor-api';
import { errorText } from '../text';

type Versioned = { id: number; version: number; status: ContentStatus };
export type Verb = 'publish' | 'unpublish' | 'review';
export type Notice = { kind: 'ok' | 'error' | 'warn'; text: string };

export type ContentEditorOptions<E extends Versioned, F, R extends object> = {
  /** What is edited, in words: 政策文件, 解读. */
  noun: string;
  fetch: () => Promise<E>;
  toForm: (e: E) => F;
  fromForm: (f: F) => R;
  checkSave: (base: R, form: F) => SaveCheck<R>;
  publishCheck: (f: F) => FieldProblem[];
  save: (id: number, baseVersion: number, patch: Partial<R>) => Promise<E>;
  verb: (id: number, verb: Verb, baseVersion: number) => Promise<E>;
};

/**
 * The editing cycle shared by the policy and interpretation pages (the guide
 * page predates it and keeps its own): load, a form with messages next to the
 * fields (draft checks, the server's `details.problems`, and after a publish
 * attempt the shared publish check, live), 保存 with the version it was based on
 * (a 409 shows who changed what, never overwrites), 发布/撤回/标记已核对.
 */
export function useContentEditor<E extends Versioned, F extends object, R extends object>(o: ContentEditorOptions<E, F, R>) {
  const [state, setState] = useState<{ entity: E | null; base: R | null; error: string; denied: boolean }>({
    entity: null,
    base: null,
    error: '',
    denied: false,
  });
  const [form, setForm] = useState<F | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [showPublish, setShowPublish] = useState(false);
  const [conflict, setConflict] = useState<ConflictInfo | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const adopt = useCallback(
    (e: E) => {
      const f = o.toForm(e);
      setState({ entity: e, base: o.fromForm(f), error: '', denied: false });
      setForm(f);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  const load = useCallback(async () => {
    setState({ entity: null, base: null, error: '', denied: false });
    try {
      adopt(await o.fetch());
    } catch (err) {
      setState({
        entity: null,
        base: null,
        error: errorText(err, '加载失败，请稍后再试'),
        denied: err instanceof ApiError && err.status === 403,
      });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [adopt]);

  // eslint-disable-next-line react-hooks/exhaustive-deps
  const publishProblems = useMemo(() => (form ? o.publishCheck(form) : []), [form]);
  const publishErrors = useMemo(() => problemsToErrors(publishProblems), [publishProblems]);
  // "还不能发布…" goes once everything it pointed at is fixed (the banner below then says it can be published).
  const blocked = notice?.kind === 'error' && notice.text.startsWith('还不能发布');
  useEffect(() => {
    if (blocked && publishProblems.length === 0) setNotice(null);
  }, [blocked, publishProblems.length]);
  const err = (path: string): string | undefined => errors[path] ?? (showPublish ? publishErrors[path] : undefined);

  const entity = state.entity;
  const dirty = !!form && !!state.base && JSON.stringify(o.fromForm(form)) !== JSON.stringify(state.base);
  const published = entity?.status === 'published';

  /** A change to some fields; their messages go, the next check says what is still wrong. */
  const set = (patch: Partial<F>) => {
    setForm((f) => (f ? { ...f, ...patch } : f));
    setErrors((e) => {
      const out = { ...e };
      for (const k of Object.keys(patch)) for (const p of Object.keys(out)) if (p === k || p.startsWith(`${k}.`)) delete out[p];
      return out;
    });
  };

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
      setErrors(problemsToErrors(wordProblems(details.problems)));
      setShowPublish(true);
    } else if (details?.issues?.length) {
      setErrors(problemsToErrors(details.issues.map((i) => ({ field: i.field.replace(/^(body|record)\./, ''), message: i.message }))));
    }
    setNotice({ kind: 'error', text: errorText(e, `${what}没有成功，请稍后再试`) });
  };

  const save = async (): Promise<E | null> => {
    if (!entity || !form || !state.base) return null;
    const check = o.checkSave(state.base, form);
    if (!check.ok) {
      setErrors(check.errors);
      setNotice({ kind: 'error', text: `有 ${Object.keys(check.errors).length} 处填写有误，请按红字修改后再保存。` });
      return null;
    }
    if (Object.keys(check.patch).length === 0) return entity;
    if (published && publishProblems.length) {
      setShowPublish(true);
      setNotice({ kind: 'error', text: `这份${o.noun}已发布，保存后群众立即看到，因此必须保持完整：请先按红字补全，或先撤回再保存草稿。` });
      return null;
    }
    const saved = await o.save(entity.id, entity.version, check.patch);
    adopt(saved);
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
      const saved = dirty ? await save() : entity;
      if (!saved) return null;
      adopt(await o.verb(saved.id, 'publish', saved.version));
      setShowPublish(false);
      return '已发布，群众现在就能看到。';
    });

  const onUnpublish = () =>
    run('撤回', async () => {
      if (!entity) return null;
      const r = await Taro.showModal({
        title: `撤回这份${o.noun}？`,
        content: '撤回后群众立即看不到，可以随时再发布。',
        confirmText: '撤回',
        cancelText: '取消',
      });
      if (!r.confirm) return null;
      if (dirty) {
        setNotice({ kind: 'warn', text: '有未保存的修改：请先保存或放弃修改，再撤回。' });
        return null;
      }
      adopt(await o.verb(entity.id, 'unpublish', entity.version));
      return `已撤回，群众现在看不到这份${o.noun}。`;
    });

  const onReview = () =>
    run('核对', async () => {
      if (!entity) return null;
      if (dirty) {
        setNotice({ kind: 'warn', text: '有未保存的修改：请先保存，再标记已核对。' });
        return null;
      }
      adopt(await o.verb(entity.id, 'review', entity.version));
      return '已标记为核对过，内容列表的“过期未核”会重新计算。';
    });

  return {
    state,
    entity,
    form,
    setForm,
    set,
    err,
    errors,
    setErrors,
    publishProblems,
    dirty,
    published,
    conflict,
    setConflict,
    notice,
    setNotice,
    busy,
    load,
    onSave,
    onPublish,
    onUnpublish,
    onReview,
  };
}
