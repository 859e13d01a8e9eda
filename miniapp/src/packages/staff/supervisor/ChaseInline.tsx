import { Button, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { ChaseBody, type CaseSummary } from '@zw/shared';
import { FieldError } from '../../../components/kit';
import '../components/staff.css';
import { errorText } from '../format';
import { staffApi } from '../services/staff-api';
import '../components/staff.css';

/** 督办 straight from the list: the opinion goes to the handling department; the row shows the server's new count. */
export default function ChaseInline({ c, onChased }: { c: CaseSummary; onChased: (chaseCount: number) => void }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(
    c.deadlineStatus === 'overdue'
      ? '该诉求已超过办理期限，请于今日内答复群众并反馈办理情况。'
      : '该诉求即将到期，请抓紧办理，按期答复群众。',
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const submit = async () => {
    const parsed = ChaseBody.safeParse({ body: text });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '请填写督办意见');
    setBusy(true);
    setError('');
    try {
      const next = await staffApi.chase(c.id, parsed.data.body);
      onChased(next.chaseCount);
      setOpen(false);
    } catch (err) {
      setError(errorText(err, '督办没有成功，请稍后再试'));
    } finally {
      setBusy(false);
    }
  };
  if (!open)
    return (
      <View className="st-card-actions">
        <Button className="zw-btn zw-btn--danger st-chase-open" onClick={() => setOpen(true)}>
          {c.chaseCount > 0 ? '再次督办' : '督办'}
        </Button>
      </View>
    );
  return (
    <View className="st-chase-form">
      <Text className="st-filters__k">{`督办意见（发给${c.department.name.replace(/^清溪县/, '')}，群众看不到）`}</Text>
      <Textarea className="st-textarea st-chase-text" value={text} maxlength={1000} onInput={(e) => setText(e.detail.value)} />
      <FieldError text={error} />
      <View className="st-form__buttons">
        <Button className="zw-button zw-button--ghost" disabled={busy} onClick={() => setOpen(false)}>
          取消
        </Button>
        <Button
          className="zw-button st-chase-send"
          style={{ background: '#d83931' }}
          loading={busy}
          disabled={busy}
          onClick={() => void submit()}
        >
          发出督办
        </Button>
      </View>
    </View>
  );
}
