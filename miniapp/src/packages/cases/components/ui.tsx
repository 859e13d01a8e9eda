import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { PropsWithChildren, ReactNode } from 'react';
import type { CaseState } from '@zw/shared';
import './cases.css';

/** A labelled form field with its validation message underneath. */
export function Field({
  id,
  label,
  required,
  optional,
  error,
  children,
}: PropsWithChildren<{ id?: string; label: ReactNode; required?: boolean; optional?: boolean; error?: string }>) {
  return (
    <View id={id} className={`case-field${error ? ' case-field--error' : ''}`}>
      <View className="case-field__label">
        <Text>{label}</Text>
        {required ? <Text className="case-req">*</Text> : null}
        {optional ? <Text className="case-opt">（选填）</Text> : null}
      </View>
      {children}
      {error ? <FieldError text={error} /> : null}
    </View>
  );
}

export function FieldError({ text }: { text?: string }) {
  if (!text) return null;
  return (
    <View className="case-error" role="alert">
      {text}
    </View>
  );
}

/** A large tick box; the whole row is the touch target. */
export function Check({
  checked,
  onChange,
  children,
  className,
}: PropsWithChildren<{ checked: boolean; onChange: (v: boolean) => void; className?: string }>) {
  return (
    <View
      className={`case-check${checked ? ' case-check--on' : ''}${className ? ` ${className}` : ''}`}
      role="checkbox"
      aria-checked={checked}
      onClick={() => onChange(!checked)}
    >
      <View className="case-check__box">{checked ? '✓' : ''}</View>
      <View className="case-check__text">{children}</View>
    </View>
  );
}

export function StateTag({ state, label }: { state: CaseState; label: string }) {
  return <Text className={`case-state case-state--${state}`}>{label}</Text>;
}

const dueLabels: Record<string, string> = { due_soon: '临近期限', overdue: '已超期', paused: '期限暂停' };

export function DueBadge({ status }: { status: string }) {
  const label = dueLabels[status];
  return label ? <Text className={`case-due case-due--${status}`}>{label}</Text> : null;
}

export function copy(text: string, what: string) {
  Taro.setClipboardData({ data: text }).then(
    () => Taro.showToast({ title: `${what}已复制`, icon: 'success' }),
    () => Taro.showToast({ title: '复制没有成功，请手动记下', icon: 'none' }),
  );
}

export function Banner({ kind, children }: PropsWithChildren<{ kind: 'info' | 'warn' | 'error' | 'ok' }>) {
  return (
    <View className={`case-banner case-banner--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </View>
  );
}
