import Taro from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import type { StaffView } from '@zw/shared';
import { go } from '../../../services/nav';
import { isSupervisor } from '../../../services/staff-session';
import { Chip, Field, FieldError } from '../../../components/kit';
import { errorText, fmtDate, fmtDateTime } from '../format';
import { ApiError, issue11Api, type FollowUp, type FollowUpContact } from '../services/issue11';
import {
  ATTEMPTS_MAX,
  ATTEMPTS_MIN,
  PUBLIC_NOTE_MAX,
  TEXT_MAX,
  UNREACHABLE_MIN_ATTEMPTS,
  emptyOutcome,
  serverOutcomeErrors,
  validateOutcome,
  type OutcomeErrors,
  type OutcomeForm,
} from './outcome';
import '../components/staff.css';
import '../components/issue11.css';

/**
 * The citizen's full contact for this 回访, after an explicit tap (the server records
 * every reveal on the case's audit trail). Held in this component's state only —
 * never in storage — and gone when the card is.
 */
function Contact({ f }: { f: FollowUp }) {
  const [contact, setContact] = useState<FollowUpContact | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const reveal = async () => {
    setBusy(true);
    setError('');
    try {
      setContact(await issue11Api.followUpContact(f.id));
    } catch (err) {
      setError(errorText(err, '没有取到联系方式，请稍后再试'));
    } finally {
      setBusy(false);
    }
  };
  const phone = contact?.phone ?? null;
  return (
    <View className="st-follow-contact">
      <View className="st-reveal-box">
        <Text className="st-reveal-box__phone st-follow-phone">
          {`${contact?.name ?? f.case?.contactName ?? ''} ${phone ?? f.case?.contactPhoneMasked ?? ''}`.trim()}
        </Text>
        {phone ? (
          <Button
            className="zw-btn zw-btn--solid st-follow-call"
            onClick={() => void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)}
          >
            拨打
          </Button>
        ) : contact ? null : (
          <Button className="zw-btn st-follow-reveal" loading={busy} disabled={busy} onClick={() => void reveal()}>
            查看完整号码
          </Button>
        )}
      </View>
      <Text className="zw-muted">{contact ? '本次查看已记入办理记录，请仅用于本次回访。' : '查看完整号码会记入办理记录。'}</Text>
      {contact && !phone ? <Text className="zw-muted">群众没有留下电话。</Text> : null}
      <FieldError text={error} />
    </View>
  );
}

function OutcomeFormView({ f, onDone, onCancel }: { f: FollowUp; onDone: (next: FollowUp) => void; onCancel: () => void }) {
  const [form, setForm] = useState<OutcomeForm>(emptyOutcome);
  const [showErrors, setShowErrors] = useState(false);
  const [remote, setRemote] = useState<OutcomeErrors>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const set = (patch: Partial<OutcomeForm>) => {
    setForm((v) => ({ ...v, ...patch }));
    setRemote({});
  };
  const check = validateOutcome(form);
  const errors: OutcomeErrors = { ...(showErrors && !check.ok ? check.errors : {}), ...remote };

  const submit = async () => {
    setShowErrors(true);
    setError('');
    if (!check.ok) return;
    setBusy(true);
    try {
      onDone(await issue11Api.recordFollowUp(f.id, check.body));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'FOLLOW_UP_DONE') setError('这条回访已经有人记录了结果，请下拉刷新查看。');
      else {
        if (err instanceof ApiError) setRemote(serverOutcomeErrors(err.details));
        setError(errorText(err, '没有保存成功，请稍后再试'));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="st-form st-outcome-form">
      <Field className="st-field" label="是否联系上群众" required error={errors.outcome}>
        <View className="st-chips" role="radiogroup">
          <Chip on={form.outcome === 'reached'} onClick={() => set({ outcome: 'reached' })}>
            联系上了
          </Chip>
          <Chip on={form.outcome === 'unreachable'} onClick={() => set({ outcome: 'unreachable' })}>
            未联系上
          </Chip>
        </View>
      </Field>
      <Field
        className="st-field"
        label="联系次数"
        required
        error={errors.attempts}
        hint={form.outcome === 'unreachable' ? `至少联系 ${UNREACHABLE_MIN_ATTEMPTS} 次仍联系不上，才能记为“未联系上”` : undefined}
      >
        <View className="st-stepper">
          <Button
            className="zw-btn st-attempts-minus"
            aria-label="减少一次"
            disabled={form.attempts <= ATTEMPTS_MIN}
            onClick={() => set({ attempts: Math.max(ATTEMPTS_MIN, form.attempts - 1) })}
          >
            －
          </Button>
          <Text className="st-stepper__value st-attempts" aria-live="polite">
            {`${form.attempts} 次`}
          </Text>
          <Button
            className="zw-btn st-attempts-plus"
            aria-label="增加一次"
            disabled={form.attempts >= ATTEMPTS_MAX}
            onClick={() => set({ attempts: Math.min(ATTEMPTS_MAX, form.attempts + 1) })}
          >
            ＋
          </Button>
        </View>
      </Field>
      <Field className="st-field" label={form.outcome === 'unreachable' ? '联系经过' : '群众的意见'} required error={errors.citizenView}>
        <Textarea
          className="st-textarea st-outcome-view"
          value={form.citizenView}
          maxlength={TEXT_MAX}
          placeholder={form.outcome === 'unreachable' ? '如：三次拨打均无人接听' : '群众对办理结果的看法、还有什么诉求'}
          onInput={(e) => set({ citizenView: e.detail.value })}
        />
      </Field>
      <Field className="st-field" label="是否已整改" required error={errors.rectified}>
        <View className="st-chips" role="radiogroup">
          <Chip on={form.rectified === true} onClick={() => set({ rectified: true })}>
            已整改
          </Chip>
          <Chip on={form.rectified === false} onClick={() => set({ rectified: false })}>
            未整改
          </Chip>
        </View>
      </Field>
      <Field
        className="st-field"
        label="公开说明"
        optional
        error={errors.publicNote}
        hint="这段话会显示在群众的诉求页面上：请勿填写电话、身份证号等个人信息。"
      >
        <Textarea
          className="st-textarea st-outcome-note"
          value={form.publicNote}
          maxlength={PUBLIC_NOTE_MAX}
          placeholder="如：已于 12 月 3 日回访，窗口已调整取号规则"
          onInput={(e) => set({ publicNote: e.detail.value })}
        />
      </Field>
      <Field className="st-field" label="回访结果（内部）" required error={errors.result} hint="只有工作人员能看到。">
        <Textarea
          className="st-textarea st-outcome-result"
          value={form.result}
          maxlength={TEXT_MAX}
          placeholder="回访方式、经过、整改安排"
          onInput={(e) => set({ result: e.detail.value })}
        />
      </Field>
      <FieldError text={error} />
      <View className="st-form__buttons">
        <Button className="zw-button zw-button--ghost" disabled={busy} onClick={onCancel}>
          取消
        </Button>
        <Button className="zw-button st-outcome-save" loading={busy} disabled={busy} onClick={() => void submit()}>
          保存回访结果
        </Button>
      </View>
    </View>
  );
}

function DoneSummary({ f }: { f: FollowUp }) {
  if (!f.outcome)
    // Recorded before 回访 had a structured outcome: only the text.
    return <Text className="st-follow__comment">{`回访结果：${f.result ?? ''}`}</Text>;
  return (
    <View className="st-follow__done">
      <Text className="st-follow__done-line">
        {`${f.outcome === 'reached' ? '联系上了' : '未联系上'}（联系 ${f.attempts} 次）${f.rectified === null ? '' : f.rectified ? ' · 已整改' : ' · 未整改'}`}
      </Text>
      {f.citizenView ? <Text className="st-follow__done-line">{`群众意见：${f.citizenView}`}</Text> : null}
      {f.publicNote ? <Text className="st-follow__done-line">{`公开说明（群众可见）：${f.publicNote}`}</Text> : null}
      {f.result ? <Text className="st-follow__done-line">{`内部记录：${f.result}`}</Text> : null}
    </View>
  );
}

/**
 * One bad rating waiting for its 回访: what the citizen said, about what, by when;
 * who does it (a supervisor takes it with 由我回访 — there is no staff list to pick
 * from yet); the contact for whoever it is assigned to; and the outcome form.
 */
export default function FollowUpCard({ f, me, onChange }: { f: FollowUp; me: StaffView; onChange: (next: FollowUp) => void }) {
  const [open, setOpen] = useState(false);
  const [assigning, setAssigning] = useState(false);
  const [error, setError] = useState('');
  const mine = f.assignee?.id === me.id;
  const hasContact = !!f.case && !f.case.anonymous && !!f.case.contactPhoneMasked;

  const assignToMe = async () => {
    setAssigning(true);
    setError('');
    try {
      onChange(await issue11Api.assignFollowUp(f.id, me.id));
    } catch (err) {
      setError(errorText(err, '没有指派成功，请稍后再试'));
    } finally {
      setAssigning(false);
    }
  };

  const about = f.case ? `诉求：${f.case.title}` : f.window ? `窗口：${f.window.number} ${f.window.name}` : '';
  return (
    <View className={`zw-card st-case st-follow${f.overdue ? ' st-case--overdue' : ''}`} data-id={f.id}>
      <View className="st-case__top">
        <View className="st-case__tags">
          <Text className="st-follow__rating">{f.rating.levelLabel}</Text>
          <Text className="st-type" style={{ marginLeft: '0.4em' }}>
            {f.case ? '一事一评' : '窗口评价'}
          </Text>
        </View>
        {f.status === 'done' ? (
          <Text className="zw-due zw-due--staff zw-due--paused">已回访</Text>
        ) : f.overdue ? (
          <Text className="zw-due zw-due--staff zw-due--overdue">回访超期</Text>
        ) : null}
      </View>
      <Text className="st-case__title" onClick={f.case ? () => void go('staffCase', { id: f.case!.id }) : undefined}>
        {about}
      </Text>
      {f.rating.comment ? <Text className="st-follow__comment">{`“${f.rating.comment}”`}</Text> : null}
      <View className="st-case__meta">
        <Text>{f.department?.name.replace(/^清溪县/, '') ?? ''}</Text>
        <Text>{`评价于 ${fmtDateTime(f.rating.createdAt)}`}</Text>
        <Text>{f.status === 'done' ? `已于 ${fmtDate(f.doneAt)} 回访` : `${fmtDate(f.dueAt)} 前回访`}</Text>
        {f.case && !f.case.anonymous && !(f.status === 'open' && mine) ? (
          <Text>{`${f.case.contactName ?? ''} ${f.case.contactPhoneMasked ?? ''}`}</Text>
        ) : null}
        {f.case?.anonymous ? <Text>匿名评价，无联系方式</Text> : null}
      </View>
      <Text className="st-follow__who st-follow-assignee">
        {f.assignee ? `回访人：${f.assignee.name}${mine ? '（我）' : ''}` : f.status === 'open' ? '尚未指派回访人' : ''}
      </Text>

      {f.status === 'done' ? <DoneSummary f={f} /> : null}

      {f.status === 'open' && mine && hasContact ? <Contact f={f} /> : null}
      {f.status === 'open' && !mine && hasContact ? <Text className="zw-muted">回访人可以查看完整号码（查看会记录）。</Text> : null}

      {f.status === 'open' && !open ? (
        <View className="st-card-actions">
          {isSupervisor(me) && !mine ? (
            <Button className="zw-btn st-follow-assign" loading={assigning} disabled={assigning} onClick={() => void assignToMe()}>
              {f.assignee ? '改由我回访' : '由我回访'}
            </Button>
          ) : null}
          {!f.assignee || mine ? (
            <Button className="zw-btn st-follow-open" onClick={() => setOpen(true)}>
              记录回访结果
            </Button>
          ) : null}
        </View>
      ) : null}
      <FieldError text={error} />
      {f.status === 'open' && open ? (
        <OutcomeFormView
          f={f}
          onCancel={() => setOpen(false)}
          onDone={(next) => {
            setOpen(false);
            onChange(next);
          }}
        />
      ) : null}
    </View>
  );
}
