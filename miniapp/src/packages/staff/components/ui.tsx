import { Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { caseStateLabels, type CaseState } from '@zw/shared';
import './staff.css';

/*
 * Small pieces every staff page uses. They mirror the citizen pages' tags on
 * purpose (same colours for the same state) but live here: a subpackage may not
 * import modules from another subpackage.
 */

export function StateTag({ state }: { state: CaseState }) {
  return <Text className={`st-state st-state--${state}`}>{caseStateLabels[state]}</Text>;
}

const dueLabels: Record<string, string> = { due_soon: '临期', overdue: '已超期', paused: '暂停计时' };

export function DueBadge({ status }: { status: string }) {
  const label = dueLabels[status];
  return label ? <Text className={`st-due st-due--${status}`}>{label}</Text> : null;
}

export function Banner({ kind, children, className }: PropsWithChildren<{ kind: 'info' | 'warn' | 'error' | 'ok'; className?: string }>) {
  return (
    <View className={`st-banner st-banner--${kind}${className ? ` ${className}` : ''}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </View>
  );
}

export function FieldError({ text }: { text?: string }) {
  if (!text) return null;
  return (
    <View className="st-error" role="alert">
      {text}
    </View>
  );
}

/** A tappable choice in a row of choices (filters, templates, departments). */
export function Chip({ on, onClick, children, className }: PropsWithChildren<{ on?: boolean; onClick: () => void; className?: string }>) {
  return (
    <View
      className={`st-chip${on ? ' st-chip--on' : ''}${className ? ` ${className}` : ''}`}
      role="button"
      aria-pressed={!!on}
      onClick={onClick}
    >
      {children}
    </View>
  );
}

export function SectionTitle({ children, extra }: PropsWithChildren<{ extra?: string }>) {
  return (
    <View className="st-section-title">
      <Text className="st-section-title__text">{children}</Text>
      {extra ? <Text className="st-section-title__extra">{extra}</Text> : null}
    </View>
  );
}
