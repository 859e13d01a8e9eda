import { pagePaths } from '@zw/shared/paths';
import '../zod';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { CitizenActionBody, RateBody, RATING_COMMENT_MAX, reminderTopicLabels, type CitizenCase, type ReminderTemplate } from '@zw/shared';
import Page from '../../../components/Page';
import { ErrorState, Loading } from '../../../components/PageState';
import { api } from '../../../services/api';
import { go, idParam } from '../../../services/nav';
import CaseView from '../components/CaseView';
import { Banner, FieldError } from '../../../components/kit';
import '../components/cases.css';
import { errorText, fmtDateTime } from '../format';
import { RATING_LEVELS } from '../texts';
import { askSubscriptions } from '../subscribe';
import { shareTitle, useShare } from '../../../hooks/useShare';

function RateCard({ id, onDone }: { id: number; onDone: (level: number) => void }) {
  const [level, setLevel] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const parsed = RateBody.safeParse({ level: level ?? undefined, comment });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请选择评价等级');
      return;
    }
    setBusy(true);
    setError('');
    try {
      await api.rateCase(id, { level: parsed.data.level, ...(parsed.data.comment ? { comment: parsed.data.comment } : {}) });
      onDone(parsed.data.level);
    } catch (err) {
      setError(errorText(err, '评价没有提交成功，请稍后再试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="zw-card case-rate" id="case-rate">
      <Text className="case-section-title">对本次办理进行评价</Text>
      <Text className="case-hint">请选择一项，您的评价会帮助我们改进工作。</Text>
      <View className="zw-gap" />
      <View className="case-levels" role="radiogroup">
        {RATING_LEVELS.map((l) => (
          <Button
            key={l.level}
            className={`zw-btn case-level${level === l.level ? ' case-level--on' : ''}`}
            aria-checked={level === l.level}
            onClick={() => {
              setLevel(l.level);
              setError('');
            }}
          >
            {l.label}
          </Button>
        ))}
      </View>
      <Textarea
        className="case-textarea case-textarea--short case-rate-comment"
        value={comment}
        maxlength={RATING_COMMENT_MAX}
        placeholder="还有什么想说的，可以写在这里（选填）"
        onInput={(e) => setComment(e.detail.value)}
      />
      <FieldError text={error} />
      <View className="zw-gap" />
      <Button className="zw-button case-rate-submit" loading={busy} disabled={busy} onClick={() => void submit()}>
        提交评价
      </Button>
    </View>
  );
}

function ActionCard({
  title,
  intro,
  placeholder,
  submitText,
  collapsed,
  onSubmit,
}: {
  title: string;
  intro: string;
  placeholder: string;
  submitText: string;
  collapsed?: string;
  onSubmit: (text: string) => Promise<string | null>;
}) {
  const [open, setOpen] = useState(!collapsed);
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError('');
    try {
      const problem = await onSubmit(text);
      if (problem) setError(problem);
      else setText('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="zw-card case-action">
      <Text className="case-section-title">{title}</Text>
      <Text className="case-hint">{intro}</Text>
      <View className="zw-gap" />
      {open ? (
        <View>
          <Textarea
            className="case-textarea case-textarea--short"
            value={text}
            maxlength={1000}
            placeholder={placeholder}
            onInput={(e) => setText(e.detail.value)}
          />
          <FieldError text={error} />
          <View className="zw-gap" />
          <Button className="zw-button" loading={busy} disabled={busy} onClick={() => void submit()}>
            {submitText}
          </Button>
          {collapsed ? (
            <Button className="zw-button zw-button--ghost" style={{ marginTop: '0.6em' }} onClick={() => setOpen(false)}>
              取消
            </Button>
          ) : null}
        </View>
      ) : (
        <Button className="zw-button zw-button--ghost" onClick={() => setOpen(true)}>
          {collapsed}
        </Button>
      )}
    </View>
  );
}

/**
 * 开启提醒: the citizen holds no WeChat consent for some topics (refused, or a
 * one-time consent was spent on the last notice). One tap asks for exactly
 * those templates; WeChat needs the request inside the tap, so the ids are
 * fetched before it.
 */
function ReminderCard({ data, onDone }: { data: CitizenCase; onDone: () => void }) {
  const [templates, setTemplates] = useState<ReminderTemplate[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const wanted = data.reminders.needsConsent;
  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp' || wanted.length === 0) return;
    api.reminderTemplates().then(
      (t) => setTemplates(t.citizen),
      () => setTemplates([]),
    );
  }, [wanted.length]);
  const ids = (templates ?? []).filter((t) => (wanted as string[]).includes(t.topic)).map((t) => t.templateId);
  if (process.env.TARO_ENV !== 'weapp' || ids.length === 0) {
    return data.reminders.channel === 'sms' ? (
      <Text className="case-hint case-reminder-sms">办理有进展时，我们会发短信告诉您。</Text>
    ) : null;
  }
  const ask = () => {
    const answers = askSubscriptions(ids); // first, inside the tap
    setBusy(true);
    setError('');
    void answers
      .then(async (results) => {
        if (!results) {
          setError('没有开启提醒。如需开启，请在微信“设置 → 通知”里允许本小程序发送通知后再试。');
          return;
        }
        await api.subscribeCase(data.id, results);
        if (!Object.values(results).includes('accept')) setError('您没有同意接收提醒，有进展时请回到这里查看。');
        onDone();
      })
      .catch((err: unknown) => setError(errorText(err, '提醒没有开启成功，请稍后再试')))
      .finally(() => setBusy(false));
  };
  return (
    <View className="zw-card case-reminder" id="case-reminder">
      <Text className="case-section-title">接收办理提醒</Text>
      <Text className="case-hint">{`开启后，${wanted.map((t) => reminderTopicLabels[t]).join('、')}会通过微信发给您。`}</Text>
      <View className="zw-gap" />
      <FieldError text={error} />
      <Button className="zw-button case-reminder-on" loading={busy} disabled={busy} onClick={ask}>
        开启提醒
      </Button>
    </View>
  );
}

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'done'; data: CitizenCase };

export default function CaseDetail() {
  const router = useRouter();
  // Never the case itself: a forwarded link opens the lookup, where the recipient needs the number and code.
  useShare(() => ({ title: shareTitle('查询诉求办理进度'), path: pagePaths.caseLookup }));
  const id = idParam(router.params.id);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [done, setDone] = useState<{ text: string; kind: 'ok' | 'info' } | null>(null);
  const seq = useRef(0);

  const reload = useCallback(
    async (quiet = false) => {
      if (!id) {
        setLoad({ status: 'error', message: '没有找到这条诉求，请从“我的诉求”中打开' });
        return;
      }
      const mine = ++seq.current;
      if (!quiet) setLoad({ status: 'loading' });
      try {
        const data = await api.myCase(id);
        if (mine === seq.current) setLoad({ status: 'done', data });
      } catch (err) {
        if (mine !== seq.current) return;
        if (quiet) void Taro.showToast({ title: errorText(err, '刷新没有成功'), icon: 'none' });
        else setLoad({ status: 'error', message: errorText(err, '加载失败，请稍后再试') });
      }
    },
    [id],
  );
  useEffect(() => {
    void reload();
  }, [reload]);
  usePullDownRefresh(() => {
    void reload(true).finally(() => Taro.stopPullDownRefresh());
  });

  if (load.status === 'loading')
    return (
      <Page className="case-page">
        <Loading />
      </Page>
    );
  if (load.status === 'error')
    return (
      <Page className="case-page">
        <ErrorState
          message={load.message}
          onRetry={id ? () => void reload() : undefined}
          way={{ label: '返回我的诉求', onClick: () => void go('myCases') }}
        />
      </Page>
    );

  const data = load.data;
  const can = (a: string) => data.availableActions.includes(a);

  const act = async (body: CitizenActionBody, okText: string): Promise<string | null> => {
    const parsed = CitizenActionBody.safeParse(body);
    if (!parsed.success) return parsed.error.issues[0]?.message ?? '请填写内容';
    try {
      const next = await api.caseAction(data.id, parsed.data);
      setLoad({ status: 'done', data: next });
      setDone({ text: okText, kind: 'ok' });
      void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined);
      return null;
    } catch (err) {
      return errorText(err);
    }
  };

  const actions = (
    <View className="case-detail-actions">
      {done ? (
        <Banner kind={done.kind}>
          <Text className="case-done">{done.text}</Text>
        </Banner>
      ) : null}
      {data.state !== 'closed' && data.state !== 'rejected' ? <ReminderCard data={data} onDone={() => void reload(true)} /> : null}
      {can('supplement') ? (
        <ActionCard
          title="补正材料"
          intro="请按上面的要求一次补充齐全，提交后承办部门会继续办理。"
          placeholder="请写明补充的情况或材料"
          submitText="提交补正"
          onSubmit={(text) => act({ action: 'supplement', body: text }, '补正材料已提交，承办部门会继续办理。')}
        />
      ) : null}
      {can('rate') ? (
        <RateCard
          id={data.id}
          onDone={(level) => {
            setDone({
              text: level <= 2 && !data.anonymous ? '感谢您的评价！我们会安排工作人员回访，了解您不满意的地方。' : '感谢您的评价！',
              kind: 'ok',
            });
            void reload(true);
          }}
        />
      ) : null}
      {can('reopen') ? (
        <ActionCard
          title="对答复不满意？"
          intro={data.reopenUntil ? `可在 ${fmtDateTime(data.reopenUntil)} 前申请重新办理，请写明理由。` : '可以申请重新办理，请写明理由。'}
          placeholder="请说明哪些问题还没有解决"
          submitText="提交申请"
          collapsed="申请重新办理"
          onSubmit={(text) => act({ action: 'reopen', reason: text }, '已申请重新办理，承办部门会再次办理并答复您。')}
        />
      ) : null}
    </View>
  );

  return (
    <Page className="case-page case-detail">
      <CaseView data={data} actions={actions} />
    </Page>
  );
}
