import Taro from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { Department, MessageType } from '@zw/shared';
import { Chip, FieldError } from '../../../components/kit';
import '../components/staff.css';
import { errorText } from '../format';
import { staffApi } from '../services/staff-api';
import '../components/staff.css';

/*
 * The forms behind the action buttons. Each calls `onSubmit` and shows the
 * refusal it returns (validation or the server's message) under the form; the
 * page replaces the whole case with the server's answer on success.
 */

type Submit<A extends unknown[]> = (...args: A) => Promise<string | null>;

function Buttons({
  busy,
  submitText,
  onSubmit,
  onCancel,
  danger,
}: {
  busy: boolean;
  submitText: string;
  onSubmit: () => void;
  onCancel: () => void;
  danger?: boolean;
}) {
  return (
    <View className="st-form__buttons">
      <Button className="zw-button zw-button--ghost st-form-cancel" disabled={busy} onClick={onCancel}>
        取消
      </Button>
      <Button
        className={`zw-button st-form-submit${danger ? ' st-form-submit--danger' : ''}`}
        style={danger ? { background: '#d83931' } : undefined}
        loading={busy}
        disabled={busy}
        onClick={onSubmit}
      >
        {submitText}
      </Button>
    </View>
  );
}

function useSubmit<A extends unknown[]>(onSubmit: Submit<A>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const run = async (...args: A) => {
    setBusy(true);
    setError('');
    try {
      const problem = await onSubmit(...args);
      if (problem) setError(problem);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

/** Reply templates of this message type; tapping one puts its text in the box, to be completed before sending. */
function Templates({ type, onPick }: { type: MessageType; onPick: (body: string) => void }) {
  const [list, setList] = useState<Array<{ id: number; title: string; body: string }> | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    staffApi.templates(type).then(
      (r) => setList(r.data),
      (err) => setError(errorText(err, '模板没有加载出来')),
    );
  }, [type]);
  if (error) return <Text className="zw-muted">{error}</Text>;
  if (!list) return <Text className="zw-muted">正在加载答复模板…</Text>;
  if (list.length === 0) return null;
  return (
    <View className="st-templates">
      <Text className="st-filters__k">答复模板（点选后在框内补充具体内容）</Text>
      <View className="zw-chips">
        {list.map((t) => (
          <Chip key={t.id} className="st-template" onClick={() => onPick(t.body)}>
            {t.title}
          </Chip>
        ))}
      </View>
    </View>
  );
}

export function TextForm({
  title,
  hint,
  placeholder,
  submitText,
  templatesFor,
  initial = '',
  danger,
  onSubmit,
  onCancel,
}: {
  title: string;
  hint: string;
  placeholder: string;
  submitText: string;
  templatesFor?: MessageType;
  initial?: string;
  danger?: boolean;
  onSubmit: Submit<[string]>;
  onCancel: () => void;
}) {
  const [text, setText] = useState(initial);
  const { busy, error, run } = useSubmit(onSubmit);
  const pick = (body: string) => {
    if (!text.trim()) return setText(body);
    void Taro.showModal({ title: '使用模板', content: '用模板替换已写的内容吗？', confirmText: '替换', cancelText: '保留' }).then((r) => {
      if (r.confirm) setText(body);
    });
  };
  return (
    <View className="st-form">
      <Text className="st-form__title">{title}</Text>
      <Text className="zw-muted">{hint}</Text>
      <View className="zw-gap" />
      {templatesFor ? <Templates type={templatesFor} onPick={pick} /> : null}
      {templatesFor ? <View className="zw-gap" /> : null}
      <Textarea
        className={`st-textarea${templatesFor ? ' st-textarea--tall' : ''} st-form-text`}
        value={text}
        maxlength={5000}
        placeholder={placeholder}
        onInput={(e) => setText(e.detail.value)}
      />
      <FieldError text={error} />
      <Buttons busy={busy} submitText={submitText} danger={danger} onSubmit={() => void run(text)} onCancel={onCancel} />
    </View>
  );
}

export function ConfirmForm({
  title,
  hint,
  submitText,
  onSubmit,
  onCancel,
}: {
  title: string;
  hint: string;
  submitText: string;
  onSubmit: Submit<[]>;
  onCancel: () => void;
}) {
  const { busy, error, run } = useSubmit(onSubmit);
  return (
    <View className="st-form">
      <Text className="st-form__title">{title}</Text>
      <Text className="zw-muted">{hint}</Text>
      <FieldError text={error} />
      <Buttons busy={busy} submitText={submitText} onSubmit={() => void run()} onCancel={onCancel} />
    </View>
  );
}

/** 转办: to another department, with the reason the citizen will also see. */
export function TransferForm({
  currentDepartment,
  onSubmit,
  onCancel,
}: {
  currentDepartment: number;
  onSubmit: Submit<[number | null, string]>;
  onCancel: () => void;
}) {
  const [departments, setDepartments] = useState<Department[] | null>(null);
  const [loadError, setLoadError] = useState('');
  const [target, setTarget] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useSubmit(onSubmit);
  useEffect(() => {
    staffApi.departments().then(
      (r) => setDepartments(r.data.filter((d) => d.id !== currentDepartment)),
      (err) => setLoadError(errorText(err, '部门列表没有加载出来，请稍后再试')),
    );
  }, [currentDepartment]);
  return (
    <View className="st-form st-transfer">
      <Text className="st-form__title">转办到其他部门</Text>
      <Text className="zw-muted">转办后由对方部门受理，本部门不再能打开此件；办理期限不重新计算。转办理由群众可以看到。</Text>
      <Text className="st-label">转至</Text>
      {loadError ? <Text className="zw-field-error">{loadError}</Text> : null}
      {!departments && !loadError ? <Text className="zw-muted">正在加载部门…</Text> : null}
      <View className="zw-chips" role="radiogroup">
        {(departments ?? []).map((d) => (
          <Chip key={d.id} className="st-dept" on={target === d.id} onClick={() => setTarget(d.id)}>
            {d.shortName}
          </Chip>
        ))}
      </View>
      <Text className="st-label">转办理由</Text>
      <Textarea
        className="st-textarea st-form-text"
        value={reason}
        maxlength={1000}
        placeholder="例如：该事项属于社会保险待遇，由县人社局负责"
        onInput={(e) => setReason(e.detail.value)}
      />
      <FieldError text={error} />
      <Buttons busy={busy} submitText="确认转办" onSubmit={() => void run(target, reason)} onCancel={onCancel} />
    </View>
  );
}

/** 延期 (依申请公开, 条例第三十三条): once, by at most 20 working days, with a reason. */
export function ExtendForm({ onSubmit, onCancel }: { onSubmit: Submit<[number, string]>; onCancel: () => void }) {
  const [days, setDays] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, run } = useSubmit(onSubmit);
  return (
    <View className="st-form">
      <Text className="st-form__title">延期答复</Text>
      <Text className="zw-muted">依申请公开可延期一次，最长 20 个工作日。延期理由会告知申请人。</Text>
      <Text className="st-label">延长工作日数</Text>
      <Input
        className="zw-input st-extend-days"
        type="number"
        value={days}
        maxlength={2}
        placeholder="1–20"
        onInput={(e) => setDays(e.detail.value)}
      />
      <Text className="st-label">延期理由</Text>
      <Textarea
        className="st-textarea st-form-text"
        value={reason}
        maxlength={1000}
        placeholder="例如：需征求第三方意见"
        onInput={(e) => setReason(e.detail.value)}
      />
      <FieldError text={error} />
      <Buttons busy={busy} submitText="确认延期" onSubmit={() => void run(Number(days), reason)} onCancel={onCancel} />
    </View>
  );
}
