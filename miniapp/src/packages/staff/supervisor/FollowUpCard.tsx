import { Button, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { FollowUpResultBody, type FollowUpView } from '@zw/shared';
import { go } from '../../../services/nav';
import { FieldError } from '../../../components/kit';
import '../components/staff.css';
import { errorText, fmtDate, fmtDateTime } from '../format';
import { staffApi } from '../services/staff-api';
import '../components/staff.css';

/** One bad rating waiting for its 回访: what the citizen said, about what, by when; and the form to record the result. */
export default function FollowUpCard({ f, onDone }: { f: FollowUpView; onDone: (next: FollowUpView) => void }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const submit = async () => {
    const parsed = FollowUpResultBody.safeParse({ result: text });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '请填写回访结果');
    setBusy(true);
    setError('');
    try {
      onDone(await staffApi.recordFollowUp(f.id, parsed.data.result));
    } catch (err) {
      setError(errorText(err, '没有保存成功，请稍后再试'));
    } finally {
      setBusy(false);
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
        {f.case && !f.case.anonymous ? <Text>{`${f.case.contactName ?? ''} ${f.case.contactPhoneMasked ?? ''}`}</Text> : null}
      </View>
      {f.status === 'done' ? <Text className="st-follow__comment">{`回访结果：${f.result ?? ''}`}</Text> : null}
      {f.status === 'open' && !open ? (
        <View className="st-card-actions">
          <Button className="zw-btn st-follow-open" onClick={() => setOpen(true)}>
            记录回访结果
          </Button>
        </View>
      ) : null}
      {f.status === 'open' && open ? (
        <View className="st-chase-form">
          <Textarea
            className="st-textarea st-follow-text"
            value={text}
            maxlength={1000}
            placeholder="回访方式、群众意见、整改情况"
            onInput={(e) => setText(e.detail.value)}
          />
          <FieldError text={error} />
          <View className="st-form__buttons">
            <Button className="zw-button zw-button--ghost" disabled={busy} onClick={() => setOpen(false)}>
              取消
            </Button>
            <Button className="zw-button" loading={busy} disabled={busy} onClick={() => void submit()}>
              保存
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
}
