import '../zod';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Image, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  CONTENT_MAX,
  MAX_PHOTOS,
  MessageType,
  SubmitCaseBody,
  messageTypeHints,
  pagePaths,
  type CaseTarget,
  type Department,
  type SubmitCaseResult,
  formatQueryCode,
  formatTrackingNo,
  caseStateLabels,
} from '@zw/shared';
import Page from '../../../components/Page';
import { ApiError, api, openLogin } from '../../../services/api';
import { canActSilently } from '../../../services/auth';
import { go } from '../../../services/nav';
import { Banner, Field, FieldError, Toggle } from '../../../components/kit';
import { copyText } from '../../../services/clipboard';
import { Check } from '../components/ui';
import { askSubscriptions } from '../subscribe';
import { clearDraft, emptyDraft, hasContent, loadDraft, newIdempotencyKey, saveDraft, type Draft, type DraftTarget } from '../draft';
import { decodeParam, errorText, fmtDate } from '../format';
import { CONTENT_PLACEHOLDER, NETWORK_SAVED } from '../texts';
import '../components/cases.css';
import { shareTitle, useShare } from '../../../hooks/useShare';

const TYPES = MessageType.options;
const targetKinds: Record<CaseTarget['type'], string> = { department: '部门', item: '办事事项', window: '服务窗口' };

/** Field keys in page order: the first one with a problem is scrolled into view. */
const FIELD_ORDER = ['type', 'target', 'title', 'content', 'photoIds', 'contact', 'name', 'phone', 'consent'] as const;
type FieldKey = (typeof FIELD_ORDER)[number];
type Errors = Partial<Record<FieldKey, string>>;

function fieldOf(path: readonly PropertyKey[]): FieldKey | null {
  const [a, b] = path.map(String);
  if (a === 'contact') return b === 'name' ? 'name' : b === 'phone' ? 'phone' : 'contact';
  if (a === 'anonymous') return 'contact';
  return (FIELD_ORDER as readonly string[]).includes(a ?? '') ? (a as FieldKey) : null;
}

function bodyOf(d: Draft) {
  return {
    type: d.type ?? undefined,
    // An empty target still goes in, so the schema's own "请选择反映对象" is what the citizen reads.
    target: d.target ? { type: d.target.type, id: d.target.id } : { type: undefined, id: undefined },
    title: d.title.trim() ? d.title : undefined,
    content: d.content,
    photoIds: d.photos.map((p) => p.id),
    anonymous: d.anonymous,
    contact: d.anonymous ? undefined : { name: d.name, phone: d.phone },
    consent: d.consent,
  };
}

function validate(d: Draft): { ok: true; body: SubmitCaseBody } | { ok: false; errors: Errors } {
  const parsed = SubmitCaseBody.safeParse(bodyOf(d));
  if (parsed.success) return { ok: true, body: parsed.data };
  const errors: Errors = {};
  for (const issue of parsed.error.issues) {
    const key = fieldOf(issue.path);
    if (key && !errors[key]) errors[key] = key === 'type' && !d.type ? '请选择留言类型' : issue.message;
  }
  // The schema checks consent only once the fields are valid; say it now, in its words, so all is fixed in one go.
  if (!d.anonymous && !d.consent && !errors.consent) errors.consent = '请阅读并同意个人信息保护说明';
  return { ok: false, errors };
}

function serverErrors(err: ApiError): Errors {
  const issues = (err.details as { issues?: { field?: string; message?: string }[] } | undefined)?.issues;
  const errors: Errors = {};
  if (!Array.isArray(issues)) return errors;
  for (const i of issues) {
    if (typeof i.field !== 'string' || typeof i.message !== 'string') continue;
    const key = fieldOf(i.field.replace(/^body\./, '').split('.'));
    if (key && !errors[key]) errors[key] = i.message;
  }
  return errors;
}

function initialDraft(params: Record<string, string | undefined>): {
  draft: Draft;
  saved: boolean;
  restored: boolean;
  fromParams: boolean;
} {
  const saved = loadDraft();
  const draft = saved ?? emptyDraft();
  const type = decodeParam(params.type);
  if ((TYPES as readonly string[]).includes(type)) draft.type = type as MessageType;
  const targetType = decodeParam(params.targetType);
  const targetId = Number(decodeParam(params.targetId));
  let fromParams = false;
  if ((targetType === 'department' || targetType === 'item' || targetType === 'window') && Number.isInteger(targetId) && targetId > 0) {
    fromParams = true;
    if (!draft.target || draft.target.type !== targetType || draft.target.id !== targetId)
      draft.target = { type: targetType, id: targetId, name: '' };
  }
  return { draft, saved: !!saved, restored: !!saved && hasContent(saved), fromParams };
}

type Pending = { local: string; path: string; status: 'uploading' | 'error'; error?: string };
type SubmitError = { text: string; mine?: boolean; kind?: 'warn' | 'error' };

export default function NewCase() {
  const router = useRouter();
  useShare(() => ({ title: shareTitle('给政府留言'), path: pagePaths.newCase }));
  const init = useRef<ReturnType<typeof initialDraft>>();
  if (!init.current) init.current = initialDraft(router.params);
  const [draft, setDraft] = useState<Draft>(init.current.draft);
  const [restored, setRestored] = useState(init.current.restored);
  // Saved once the citizen has touched something (or a saved draft was restored).
  const dirty = useRef(init.current.saved);

  const [departments, setDepartments] = useState<Department[] | null>(null);
  const [deptError, setDeptError] = useState('');
  const [targetError, setTargetError] = useState('');
  const [changingTarget, setChangingTarget] = useState(false);

  const [pending, setPending] = useState<Pending[]>([]);
  const [broken, setBroken] = useState<Record<string, true>>({});

  const [showErrors, setShowErrors] = useState(false);
  const [remoteErrors, setRemoteErrors] = useState<Errors>({});
  const [submitting, setSubmitting] = useState(false);
  // The citizen templates to ask for on the 提交 tap, fetched before the tap (WeChat only; none configured: none asked).
  const [templateIds, setTemplateIds] = useState<string[]>([]);
  const asked = useRef<{ key: string; answers: ReturnType<typeof askSubscriptions> } | null>(null);
  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return;
    api
      .reminderTemplates()
      .then((t) => setTemplateIds(t.citizen.map((x) => x.templateId)))
      .catch(() => setTemplateIds([]));
  }, []);
  const [submitError, setSubmitError] = useState<SubmitError | null>(null);
  const [result, setResult] = useState<SubmitCaseResult | null>(null);
  const [resultAnonymous, setResultAnonymous] = useState(false);
  const [resultGuest, setResultGuest] = useState(false);

  // A browser with no token whose server signs in only by SMS: the citizen may leave an anonymous
  // message without signing in (no photos; followed by tracking number + query code), or sign in.
  const [guest, setGuest] = useState(false);
  useDidShow(() => {
    void canActSilently().then((silent) => {
      setGuest(!silent);
      // A fresh form starts anonymous then: that is the way that works without signing in.
      if (!silent && !dirty.current) setDraft((d) => ({ ...d, anonymous: true }));
    });
  });

  useEffect(() => {
    if (dirty.current) saveDraft(draft);
  }, [draft]);

  const update = useCallback((patch: Partial<Draft> | ((d: Draft) => Partial<Draft>)) => {
    dirty.current = true;
    setDraft((d) => ({ ...d, ...(typeof patch === 'function' ? patch(d) : patch) }));
    setRemoteErrors({});
  }, []);

  // ------------------------------------------------------------ target
  const loadDepartments = useCallback(async () => {
    setDeptError('');
    try {
      setDepartments((await api.departments()).data);
    } catch (err) {
      setDeptError(errorText(err, '部门列表没有加载出来'));
    }
  }, []);
  useEffect(() => {
    void loadDepartments();
  }, [loadDepartments]);

  const target = draft.target;
  const loadTargetName = useCallback(async (t: DraftTarget) => {
    setTargetError('');
    try {
      let name = '';
      if (t.type === 'item') name = (await api.item(t.id)).name;
      else if (t.type === 'window') {
        const w = await api.window(t.id);
        name = `${w.number} ${w.name}`;
      } else name = (await api.departments()).data.find((d) => d.id === t.id)?.name ?? '';
      if (!name) throw new Error('没有找到这个反映对象，请改为选择部门');
      setDraft((d) => (d.target && d.target.type === t.type && d.target.id === t.id ? { ...d, target: { ...d.target, name } } : d));
    } catch (err) {
      setTargetError(errorText(err, '反映对象没有加载出来'));
    }
  }, []);
  useEffect(() => {
    if (target && !target.name) void loadTargetName(target);
  }, [target, loadTargetName]);

  const chooseDepartment = (index: number) => {
    const d = departments?.[index];
    if (!d) return;
    update({ target: { type: 'department', id: d.id, name: d.name } });
    setChangingTarget(false);
    setTargetError('');
  };

  // ------------------------------------------------------------ photos
  const upload = async (p: Pending) => {
    try {
      const r = await api.uploadPhoto(p.path);
      setPending((list) => list.filter((x) => x.local !== p.local));
      update((d) => ({ photos: [...d.photos, { id: r.id, path: p.path, width: r.width, height: r.height }].slice(0, MAX_PHOTOS) }));
    } catch (err) {
      setPending((list) => list.map((x) => (x.local === p.local ? { ...x, status: 'error', error: errorText(err, '上传失败') } : x)));
    }
  };

  const addPhotos = async () => {
    const room = MAX_PHOTOS - draft.photos.length - pending.length;
    if (room <= 0) return;
    let paths: string[];
    try {
      const res = await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      paths = res.tempFilePaths.slice(0, room);
    } catch {
      return; // cancelled
    }
    const added = paths.map((path, i) => ({ local: `${Date.now()}-${i}`, path, status: 'uploading' as const }));
    setPending((list) => [...list, ...added]);
    added.forEach((p) => void upload(p));
  };

  const retryPhoto = (p: Pending) => {
    const again = { ...p, status: 'uploading' as const, error: undefined };
    setPending((list) => list.map((x) => (x.local === p.local ? again : x)));
    void upload(again);
  };

  // ------------------------------------------------------------ submit
  const check = validate(draft);
  const errors: Errors = { ...(showErrors && !check.ok ? check.errors : {}), ...remoteErrors };

  const scrollTo = (e: Errors) => {
    const first = FIELD_ORDER.find((k) => e[k]);
    if (first)
      void Taro.pageScrollTo({ selector: `#f-${first === 'name' || first === 'phone' ? 'contact' : first}`, duration: 200 }).catch(
        () => undefined,
      );
  };

  const submit = async () => {
    if (submitting) return;
    // WeChat asks for consent only inside the tap, before anything is awaited: ask first, once per draft
    // (a retry of the same draft sends the same answers, so its idempotency key still matches).
    if (asked.current?.key !== draft.key) asked.current = { key: draft.key, answers: askSubscriptions(templateIds) };
    const answers = asked.current.answers;
    setShowErrors(true);
    setSubmitError(null);
    if (!check.ok) {
      scrollTo(check.errors);
      void Taro.showToast({ title: '请按红字提示修改', icon: 'none' });
      return;
    }
    if (pending.some((p) => p.status === 'uploading')) {
      setSubmitError({ text: '照片还在上传，请稍等几秒再提交', kind: 'warn' });
      return;
    }
    if (pending.length) {
      setSubmitError({ text: '有照片没有上传成功，请点“重试”或“删除”后再提交' });
      return;
    }
    setSubmitting(true);
    saveDraft(draft);
    try {
      const subscriptions = await answers;
      const asGuest = guest && draft.anonymous && draft.photos.length === 0;
      const res = asGuest
        ? await api.submitGuestCase(check.body, draft.key)
        : await api.submitCase(subscriptions ? { ...check.body, subscriptions } : check.body, draft.key);
      clearDraft();
      dirty.current = false;
      setResultAnonymous(draft.anonymous);
      setResultGuest(asGuest);
      setResult(res);
      setDraft({ ...emptyDraft(), key: newIdempotencyKey() });
      void Taro.setNavigationBarTitle({ title: '提交成功' });
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
    } catch (err) {
      if (!(err instanceof ApiError) || err.network) {
        // The request may still have reached the server: the same key on retry returns that first result.
        setSubmitError({ text: NETWORK_SAVED, kind: 'warn' });
      } else if (err.code === 'IDEMPOTENCY_KEY_REUSED') {
        // An earlier version of this draft was received. Sending this one is a new message: new key.
        update({ key: newIdempotencyKey() });
        setSubmitError({
          text: '这条留言修改前的内容已经提交成功，可在“我的诉求”中查看。如还要提交现在的内容，请再点一次“提交”。',
          mine: true,
          kind: 'warn',
        });
      } else {
        const fields = serverErrors(err);
        setRemoteErrors(fields);
        scrollTo(fields);
        setSubmitError({ text: err.message });
      }
    } finally {
      setSubmitting(false);
    }
  };

  const startOver = async () => {
    const { confirm } = await Taro.showModal({
      title: '清空重写',
      content: '确定清空已填写的内容吗？',
      confirmText: '清空',
      cancelText: '不清空',
    });
    if (!confirm) return;
    clearDraft();
    dirty.current = false;
    const fresh = emptyDraft();
    const keepTarget = init.current?.fromParams ? draft.target : null;
    setDraft({ ...fresh, type: init.current?.fromParams ? draft.type : null, target: keepTarget });
    setPending([]);
    setRestored(false);
    setShowErrors(false);
    setSubmitError(null);
    setRemoteErrors({});
  };

  // ------------------------------------------------------------ result view
  if (result) {
    return (
      <Page className="case-page">
        <View className="zw-card case-result">
          <View className="case-result__icon">
            <View className="case-result__check" />
          </View>
          {/* 已提交, not 已受理: the case page says 待受理 until the department accepts it (one vocabulary). */}
          <Text className="case-result__title">已提交</Text>
          <Text className="case-result__desc">{`您的留言已送达，现在是“${caseStateLabels.submitted}”，承办部门将在 ${fmtDate(result.dueAt)} 前办理答复。`}</Text>
          <View className="case-code">
            <Text className="case-code__label">受理编号</Text>
            <View className="case-code__line">
              <Text className="case-code__value case-tracking-no">{formatTrackingNo(result.trackingNo)}</Text>
              <Button className="zw-btn" onClick={() => copyText(result.trackingNo, '受理编号已复制')}>
                复制
              </Button>
            </View>
          </View>
          {result.queryCode ? (
            <View className="case-code case-code--secret">
              <Text className="case-code__label">查询码</Text>
              <View className="case-code__line">
                <Text className="case-code__value case-query-code">{formatQueryCode(result.queryCode)}</Text>
                <Button className="zw-btn" onClick={() => copyText(result.queryCode!, '查询码已复制')}>
                  复制
                </Button>
              </View>
              <Text className="case-hint">
                {resultGuest
                  ? '请抄下或截图保存查询码，它只显示这一次。凭受理编号和查询码，可以在“查询办理进度”中查看答复。'
                  : '请抄下或截图保存查询码，它只显示这一次。凭受理编号和查询码，换手机也能在“查询办理进度”中查看答复；在这部手机的“我的诉求”里也能看到。'}
              </Text>
            </View>
          ) : resultAnonymous ? null : (
            <Text className="case-hint case-result__hint">办理进度和答复可在“我的诉求”中查看，工作人员也可能通过您留的电话联系您。</Text>
          )}
        </View>
        <View className="zw-card">
          <Text className="case-section-title">接下来</Text>
          {['承办部门受理您的留言', `在办理期限（${fmtDate(result.dueAt)}）内办理并答复`, '看到答复后，请对办理结果进行评价'].map(
            (t, i) => (
              <View key={t} className="case-step">
                <Text className="case-step__no">{i + 1}</Text>
                <Text className="case-step__text">{t}</Text>
              </View>
            ),
          )}
        </View>
        <View className="case-actions">
          {resultGuest ? (
            <Button className="zw-button case-result-lookup" onClick={() => void go('caseLookup', { trackingNo: result.trackingNo })}>
              查询办理进度
            </Button>
          ) : (
            <Button className="zw-button" onClick={() => void go('myCases')}>
              查看我的诉求
            </Button>
          )}
          <Button className="zw-button zw-button--ghost" onClick={() => void Taro.reLaunch({ url: pagePaths.home })}>
            返回首页
          </Button>
        </View>
      </Page>
    );
  }

  // ------------------------------------------------------------ form
  const contentLength = draft.content.length;
  const deptIndex = departments && target?.type === 'department' ? departments.findIndex((d) => d.id === target.id) : -1;
  const hub = departments?.find((d) => d.code === 'zwfwj');
  const showPicker = !target || target.type === 'department' || changingTarget;
  const photoSlots = draft.photos.length + pending.length;

  return (
    <Page className="case-page case-new">
      {restored ? (
        <Banner kind="info">
          <Text>已为您恢复上次没有提交的留言，可以接着填写。</Text>
          <View className="zw-banner__actions">
            <Button className="zw-btn" onClick={() => void startOver()}>
              清空重写
            </Button>
          </View>
        </Banner>
      ) : null}
      {guest ? (
        <Banner kind="info" className="case-guest">
          <Text>
            您还没有登录。不登录也可以匿名反映，凭受理编号和查询码查看答复；用手机号登录后，可以实名反映、上传照片，并在“我的诉求”中查看。
          </Text>
          <View className="zw-banner__actions">
            <Button className="zw-btn case-guest-login" onClick={() => openLogin()}>
              用手机号登录
            </Button>
          </View>
        </Banner>
      ) : null}
      <Text className="case-lead">您的留言会交给承办部门办理，并在办理期限内答复。紧急情况请直接拨打 110、119、120。</Text>

      <View id="f-type" className={`zw-card${errors.type ? ' case-card--error' : ''}`}>
        <Text className="case-section-title">
          留言类型<Text className="zw-field__req">*</Text>
        </Text>
        <View className="case-types" role="radiogroup">
          {TYPES.map((t) => {
            const on = draft.type === t;
            return (
              <View
                key={t}
                className={`case-type${on ? ' case-type--on' : ''}`}
                role="radio"
                aria-checked={on}
                hoverClass="case-type--hover"
                onClick={() => update({ type: t })}
              >
                <View className="case-type__radio">{on ? <View className="case-type__dot" /> : null}</View>
                <View className="case-type__text">
                  <Text className="case-type__name">{t}</Text>
                  <Text className="case-type__hint">{messageTypeHints[t]}</Text>
                </View>
              </View>
            );
          })}
        </View>
        <FieldError text={errors.type} />
      </View>

      <View id="f-target" className={`zw-card${errors.target ? ' case-card--error' : ''}`}>
        <Field className="case-field" label="反映对象" required error={errors.target}>
          {target && target.type !== 'department' && !changingTarget ? (
            <View className="case-target">
              <Text className="case-target__name">
                <Text className="case-target__kind">{targetKinds[target.type]}</Text>
                {target.name || (targetError ? `编号 ${target.id}` : '正在加载…')}
              </Text>
              <Button className="zw-btn" onClick={() => setChangingTarget(true)}>
                改选部门
              </Button>
            </View>
          ) : null}
          {showPicker ? (
            departments ? (
              <Picker
                mode="selector"
                range={departments.map((d) => d.name)}
                value={deptIndex >= 0 ? deptIndex : 0}
                onChange={(e) => chooseDepartment(Number(e.detail.value))}
              >
                <View className="case-picker" role="button">
                  {deptIndex >= 0 ? (
                    <Text>{departments[deptIndex]!.name}</Text>
                  ) : (
                    <Text className="case-picker__placeholder">请选择承办部门</Text>
                  )}
                  <Text className="case-picker__arrow">选择 ›</Text>
                </View>
              </Picker>
            ) : deptError ? (
              <View className="case-row">
                <Text className="zw-field-error">{deptError}</Text>
                <Button className="zw-btn" onClick={() => void loadDepartments()}>
                  重试
                </Button>
              </View>
            ) : (
              <Text className="zw-muted">正在加载部门…</Text>
            )
          ) : null}
          {changingTarget ? (
            <Text className="case-link" onClick={() => setChangingTarget(false)}>
              不改了，仍反映“{target?.name || '原对象'}”
            </Text>
          ) : null}
          {targetError ? (
            <View className="case-row">
              <Text className="case-hint">{targetError}</Text>
              {target ? (
                <Button className="zw-btn" onClick={() => void loadTargetName(target)}>
                  重试
                </Button>
              ) : null}
            </View>
          ) : null}
          {showPicker && hub ? <Text className="case-hint">{`不清楚该找哪个部门，可以选“${hub.name}”，由他们转给相关部门。`}</Text> : null}
        </Field>
      </View>

      <View className="zw-card">
        <View id="f-title">
          <Field className="case-field" label="标题" optional error={errors.title}>
            <Input
              className="zw-input"
              value={draft.title}
              maxlength={50}
              placeholder="一句话说明情况，不填会自动生成"
              onInput={(e) => update({ title: e.detail.value })}
            />
          </Field>
        </View>
        <View id="f-content" className="case-field-gap">
          <Field className="case-field" label="具体内容" required error={errors.content}>
            <Textarea
              className="case-textarea"
              value={draft.content}
              maxlength={CONTENT_MAX}
              placeholder={CONTENT_PLACEHOLDER}
              onInput={(e) => update({ content: e.detail.value })}
            />
            <Text
              className={`case-counter${contentLength > CONTENT_MAX ? ' case-counter--over' : ''}`}
            >{`${contentLength}/${CONTENT_MAX}`}</Text>
          </Field>
        </View>
      </View>

      <View id="f-photoIds" className={`zw-card${errors.photoIds ? ' case-card--error' : ''}`}>
        <Text className="case-section-title">
          照片<Text className="zw-field__opt">{`（选填，最多 ${MAX_PHOTOS} 张）`}</Text>
        </Text>
        <View className="case-photos">
          {draft.photos.map((p, i) => (
            <View key={p.id} className="case-photo">
              <View className="case-photo__frame">
                {broken[p.id] ? (
                  <View className="case-photo__placeholder">{`照片 ${i + 1} 已上传`}</View>
                ) : (
                  <Image
                    className="case-photo__img"
                    src={p.path}
                    mode="aspectFill"
                    onError={() => setBroken((b) => ({ ...b, [p.id]: true }))}
                  />
                )}
              </View>
              <View className="case-photo__btns">
                <Button
                  className="zw-btn zw-btn--danger"
                  onClick={() => update((d) => ({ photos: d.photos.filter((x) => x.id !== p.id) }))}
                >
                  删除
                </Button>
              </View>
            </View>
          ))}
          {pending.map((p) => (
            <View key={p.local} className="case-photo">
              <View className="case-photo__frame">
                <Image className="case-photo__img" src={p.path} mode="aspectFill" />
                <View className={`case-photo__mask${p.status === 'error' ? ' case-photo__mask--error' : ''}`}>
                  {p.status === 'uploading' ? '正在上传…' : p.error || '上传失败'}
                </View>
              </View>
              {p.status === 'error' ? (
                <View className="case-photo__btns">
                  <Button className="zw-btn" onClick={() => retryPhoto(p)}>
                    重试
                  </Button>
                  <Button className="zw-btn zw-btn--danger" onClick={() => setPending((list) => list.filter((x) => x.local !== p.local))}>
                    删除
                  </Button>
                </View>
              ) : null}
            </View>
          ))}
          {photoSlots < MAX_PHOTOS ? (
            <View className="case-photo">
              <View className="case-photo-add" role="button" onClick={() => void addPhotos()}>
                <Text className="case-photo-add__plus">+</Text>
                <Text className="case-photo-add__text">添加照片</Text>
              </View>
            </View>
          ) : null}
        </View>
        {pending.some((p) => p.status === 'uploading') ? <Text className="case-hint">照片正在上传，请稍候…</Text> : null}
        {guest ? <Text className="case-hint">上传照片需要先用手机号登录，填写的内容会保留。</Text> : null}
        <Text className="case-hint">照片中的拍摄地点等信息会被自动去除。请不要拍到身份证号等与问题无关的个人信息。</Text>
        <FieldError text={errors.photoIds} />
      </View>

      <View id="f-contact" className={`zw-card${errors.contact || errors.name || errors.phone ? ' case-card--error' : ''}`}>
        <View className="case-switch-row">
          <View className="case-switch-row__text">
            <Text className="case-switch-row__label">匿名反映</Text>
            <Text className="zw-muted">
              {draft.anonymous ? '不留姓名和电话，凭受理编号和查询码查看答复' : '留下姓名和电话，方便工作人员联系您'}
            </Text>
          </View>
          <Toggle className="case-anonymous" checked={draft.anonymous} label="匿名反映" onChange={(anonymous) => update({ anonymous })} />
        </View>
        {guest && !draft.anonymous ? (
          <Text className="case-hint">实名反映需要先用手机号登录，提交时会打开登录页，填写的内容会保留。</Text>
        ) : null}
        {!draft.anonymous ? (
          <View className="case-contact">
            <View className="zw-gap" />
            <Field className="case-field" label="姓名" required error={errors.name}>
              <Input
                className="zw-input case-name"
                value={draft.name}
                maxlength={20}
                placeholder="请填写您的姓名"
                onInput={(e) => update({ name: e.detail.value })}
              />
            </Field>
            <Field className="case-field" label="联系电话" required error={errors.phone}>
              <Input
                className="zw-input case-phone"
                type="number"
                value={draft.phone}
                maxlength={13}
                placeholder="手机号或带区号的固定电话"
                onInput={(e) => update({ phone: e.detail.value })}
              />
            </Field>
          </View>
        ) : null}
        <FieldError text={errors.contact} />
      </View>

      <View id="f-consent" className={`zw-card${errors.consent ? ' case-card--error' : ''}`}>
        <View className="case-privacy">
          <Text className="case-privacy__title">个人信息保护说明</Text>
          <Text className="case-privacy__item">1. 实名反映时只收集您的姓名和联系电话，仅用于工作人员联系您、答复您的留言。</Text>
          <Text className="case-privacy__item">
            2. 完整的姓名和电话只有承办您留言的工作人员能看到，其他地方一律隐去部分号码显示（如 138****5678）。
          </Text>
          <Text className="case-privacy__item">3. 这些信息只保存到办理和答复所需的时间，不用于其他用途，也不会提供给他人。</Text>
          <Text className="case-privacy__item">4. 选择匿名反映时不收集姓名和电话。</Text>
        </View>
        <Check checked={draft.consent} onChange={(v) => update({ consent: v })} className="case-consent">
          <Text>我已阅读并同意《个人信息保护说明》</Text>
        </Check>
        <FieldError text={errors.consent} />
      </View>

      {submitError ? (
        <Banner kind={submitError.kind ?? 'error'}>
          <Text className="case-submit-error">{submitError.text}</Text>
          {submitError.mine ? (
            <View className="zw-banner__actions">
              <Button className="zw-btn" onClick={() => void go('myCases')}>
                查看我的诉求
              </Button>
            </View>
          ) : null}
        </Banner>
      ) : null}

      <Button className="zw-button case-submit" loading={submitting} disabled={submitting} onClick={() => void submit()}>
        提交
      </Button>
      <Text className="case-hint" style={{ textAlign: 'center', marginTop: '0.8em' }}>
        填写的内容会自动保存在本机，没提交完也不会丢。
      </Text>
    </Page>
  );
}
