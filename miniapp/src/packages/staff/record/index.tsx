import '../zod';
import Taro from '@tarojs/taro';
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { CONTENT_MAX, formatQueryCode, formatTrackingNo, MessageType, messageTypeHints, type Department } from '@zw/shared';
import Page from '../../../components/Page';
import { Banner, Chip, Field, FieldError } from '../../../components/kit';
import { copyText } from '../../../services/clipboard';
import StaffHeader from '../components/StaffHeader';
import { Check } from '../components/ui';
import { useStaffSession } from '../components/useStaffSession';
import { errorText, fmtDate } from '../format';
import { ApiError, issue11Api, type RecordCaseResult, type RecordChannel } from '../services/issue11';
import { staffApi } from '../services/staff-api';
import {
  FIELD_ORDER,
  channelLabels,
  emptyRecordDraft,
  newIdempotencyKey,
  serverFieldErrors,
  validateRecord,
  type RecordDraft,
  type RecordErrors,
} from './form';
import '../components/staff.css';
import '../components/issue11.css';

const TYPES = MessageType.options;
const CHANNELS: RecordChannel[] = ['counter', 'phone'];

export const NETWORK_RETRY = '网络不稳定，登记可能已经送达。请再点一次“提交登记”：同一份登记不会重复受理。';

type SubmitError = { text: string; kind: 'warn' | 'error' };

/**
 * 帮办代办: a citizen came to the window or phoned the hall, and the staff member
 * records the message for them. The case then follows the same rules as any other
 * (deadline, figures by channel); the citizen gets the tracking number by SMS when
 * they left a mobile number, and is told it here to write down.
 */
export default function RecordCase() {
  const session = useStaffSession();
  const ownDepartment = session?.user.department ?? null;
  const [draft, setDraft] = useState<RecordDraft>(() =>
    emptyRecordDraft(ownDepartment ? { type: 'department', id: ownDepartment.id, name: ownDepartment.name } : null),
  );
  const [departments, setDepartments] = useState<Department[] | null>(null);
  const [deptError, setDeptError] = useState('');
  const [showErrors, setShowErrors] = useState(false);
  const [remoteErrors, setRemoteErrors] = useState<RecordErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<SubmitError | null>(null);
  const [result, setResult] = useState<{ res: RecordCaseResult; phone: string } | null>(null);

  const update = (patch: Partial<RecordDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setRemoteErrors({});
  };

  const loadDepartments = useCallback(async () => {
    setDeptError('');
    try {
      setDepartments((await staffApi.departments()).data);
    } catch (err) {
      setDeptError(errorText(err, '部门列表没有加载出来'));
    }
  }, []);
  useEffect(() => {
    if (session) void loadDepartments();
  }, [session, loadDepartments]);

  if (!session) return <Page className="st-page" />;

  const check = validateRecord(draft);
  const errors: RecordErrors = { ...(showErrors && !check.ok ? check.errors : {}), ...remoteErrors };

  const scrollTo = (e: RecordErrors) => {
    const first = FIELD_ORDER.find((k) => e[k]);
    if (first) void Taro.pageScrollTo({ selector: `#r-${first}`, duration: 200 }).catch(() => undefined);
  };

  const submit = async () => {
    if (submitting) return;
    setShowErrors(true);
    setSubmitError(null);
    if (!check.ok) {
      scrollTo(check.errors);
      void Taro.showToast({ title: '请按红字提示修改', icon: 'none' });
      return;
    }
    setSubmitting(true);
    try {
      const res = await issue11Api.recordCase(check.body, draft.key);
      setResult({ res, phone: check.body.citizen.phone });
      // The next citizen is a new draft (new key); channel and department usually stay the same at one window.
      setDraft((d) => ({ ...emptyRecordDraft(d.target), channel: d.channel }));
      setShowErrors(false);
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
    } catch (err) {
      if (!(err instanceof ApiError) || err.network) {
        // The request may have reached the server: the same key on retry returns that first result.
        setSubmitError({ text: NETWORK_RETRY, kind: 'warn' });
      } else if (err.code === 'IDEMPOTENCY_IN_FLIGHT') {
        // The first send of this draft is still being recorded: same key, try again in a moment.
        setSubmitError({ text: '这份登记正在处理中，请稍等几秒再点一次“提交登记”查看结果。', kind: 'warn' });
      } else if (err.code === 'IDEMPOTENCY_KEY_REUSED') {
        // An earlier version of this draft was recorded; sending this one is a new case, so a new key.
        update({ key: newIdempotencyKey() });
        setSubmitError({
          text: '修改前的内容已经登记成功，可在收件箱中查看。如确需再登记现在的内容，请再点一次“提交登记”。',
          kind: 'warn',
        });
      } else {
        const fields = serverFieldErrors(err.details);
        setRemoteErrors(fields);
        scrollTo(fields);
        setSubmitError({ text: err.message, kind: 'error' });
      }
    } finally {
      setSubmitting(false);
    }
  };

  // ------------------------------------------------------------ result
  if (result) {
    const { res } = result;
    return (
      <Page className="st-page st-record">
        <View className="zw-card st-result" role="status">
          <Text className="st-result__title">已代为登记</Text>
          <Text className="zw-muted">{`承办部门将在 ${fmtDate(res.dueAt)} 前办理答复。请把下面的编号告诉群众。`}</Text>
          <View className="st-code">
            <Text className="st-code__label">受理编号</Text>
            <View className="st-code__line">
              <Text className="st-code__value st-tracking-no">{formatTrackingNo(res.trackingNo)}</Text>
              <Button className="zw-btn" onClick={() => void copyText(res.trackingNo, '受理编号已复制')}>
                复制
              </Button>
            </View>
          </View>
          {res.queryCode ? (
            <View className="st-code">
              <Text className="st-code__label">查询码（只显示这一次）</Text>
              <View className="st-code__line">
                <Text className="st-code__value st-query-code">{formatQueryCode(res.queryCode)}</Text>
                <Button className="zw-btn" onClick={() => void copyText(res.queryCode!, '查询码已复制')}>
                  复制
                </Button>
              </View>
            </View>
          ) : null}
          <Text className="st-result__line">已向群众手机发送受理短信（如留有手机号）。</Text>
          <Text className="st-result__line zw-muted">群众凭受理编号{res.queryCode ? '和查询码' : ''}可在“查询办理进度”中查看答复。</Text>
        </View>
        <View className="st-actions-col">
          <Button className="zw-button st-record-next" onClick={() => setResult(null)}>
            再登记一件
          </Button>
          <Button className="zw-button zw-button--ghost" onClick={() => void Taro.navigateBack().catch(() => undefined)}>
            返回收件箱
          </Button>
        </View>
      </Page>
    );
  }

  // ------------------------------------------------------------ form
  const deptIndex = departments && draft.target ? departments.findIndex((d) => d.id === draft.target!.id) : -1;
  const contentLength = draft.content.length;

  return (
    <Page className="st-page st-record">
      <StaffHeader session={session} title="代为登记" />
      <Text className="zw-muted">为到窗口或打来电话的群众登记诉求。登记后按普通诉求办理、计时和统计。</Text>
      <View className="zw-gap" />

      <View id="r-channel" className={`zw-card${errors.channel ? ' st-card--error' : ''}`}>
        <Field label="登记方式" required error={errors.channel}>
          <View className="st-chips" role="radiogroup">
            {CHANNELS.map((c) => (
              <Chip key={c} on={draft.channel === c} onClick={() => update({ channel: c })}>
                {channelLabels[c]}
              </Chip>
            ))}
          </View>
        </Field>
      </View>

      <View id="r-type" className={`zw-card${errors.type ? ' st-card--error' : ''}`}>
        <Field label="留言类型" required error={errors.type} hint={draft.type ? messageTypeHints[draft.type] : undefined}>
          <View className="st-chips">
            {TYPES.map((t) => (
              <Chip key={t} on={draft.type === t} onClick={() => update({ type: t })}>
                {t}
              </Chip>
            ))}
          </View>
        </Field>
      </View>

      <View id="r-target" className={`zw-card${errors.target ? ' st-card--error' : ''}`}>
        <Field label="承办部门" required error={errors.target}>
          {departments ? (
            <Picker
              mode="selector"
              range={departments.map((d) => d.name)}
              value={deptIndex >= 0 ? deptIndex : 0}
              onChange={(e) => {
                const d = departments[Number(e.detail.value)];
                if (d) update({ target: { type: 'department', id: d.id, name: d.name } });
              }}
            >
              <View className="st-picker st-dept-picker" role="button">
                {draft.target ? <Text>{draft.target.name}</Text> : <Text className="st-picker__placeholder">请选择承办部门</Text>}
                <Text className="st-picker__arrow">选择 ›</Text>
              </View>
            </Picker>
          ) : deptError ? (
            <View className="st-contact">
              <Text className="zw-field-error">{deptError}</Text>
              <Button className="zw-btn" onClick={() => void loadDepartments()}>
                重试
              </Button>
            </View>
          ) : (
            <Text className="zw-muted">正在加载部门…</Text>
          )}
        </Field>
      </View>

      <View className="zw-card">
        <View id="r-title">
          <Field className="st-field" label="标题" optional error={errors.title}>
            <Input
              className="zw-input st-record-title"
              value={draft.title}
              maxlength={50}
              placeholder="一句话说明情况，不填会自动生成"
              onInput={(e) => update({ title: e.detail.value })}
            />
          </Field>
        </View>
        <View id="r-content" className="st-field">
          <Field label="群众反映的内容" required error={errors.content}>
            <Textarea
              className="st-textarea st-textarea--tall st-record-content"
              value={draft.content}
              maxlength={CONTENT_MAX}
              placeholder="按群众所述记录：什么事、在哪里、什么时候、希望怎么解决"
              onInput={(e) => update({ content: e.detail.value })}
            />
            <Text
              className={`st-counter${contentLength > CONTENT_MAX ? ' st-counter--over' : ''}`}
            >{`${contentLength}/${CONTENT_MAX}`}</Text>
          </Field>
        </View>
      </View>

      <View className="zw-card">
        <View id="r-name">
          <Field className="st-field" label="群众姓名" required error={errors.name}>
            <Input
              className="zw-input st-record-name"
              value={draft.name}
              maxlength={20}
              placeholder="请填写群众姓名"
              onInput={(e) => update({ name: e.detail.value })}
            />
          </Field>
        </View>
        <View id="r-phone" className="st-field">
          <Field label="联系电话" required error={errors.phone} hint="留手机号的，群众会收到带受理编号的短信">
            <Input
              className="zw-input st-record-phone"
              type="text"
              value={draft.phone}
              maxlength={13}
              placeholder="手机号或带区号的固定电话"
              onInput={(e) => update({ phone: e.detail.value })}
            />
          </Field>
        </View>
      </View>

      <View id="r-consent" className={`zw-card${errors.consent ? ' st-card--error' : ''}`}>
        <Text className="zw-muted">
          请向群众说明：姓名和电话只用于联系群众、答复本诉求；完整号码只有承办和回访的工作人员能看到，其他地方隐去部分号码；不用于其他用途，也不提供给他人。
        </Text>
        <Check checked={draft.consent} onChange={(v) => update({ consent: v })} className="st-record-consent">
          <Text>已向群众告知个人信息保护说明并取得同意</Text>
        </Check>
        <FieldError text={errors.consent} field="consent" />
      </View>

      {submitError ? (
        <Banner kind={submitError.kind}>
          <Text className="st-record-error">{submitError.text}</Text>
        </Banner>
      ) : null}

      <Button className="zw-button st-record-submit" loading={submitting} disabled={submitting} onClick={() => void submit()}>
        提交登记
      </Button>
    </Page>
  );
}
