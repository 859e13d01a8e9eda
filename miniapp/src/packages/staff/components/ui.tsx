import { Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import './staff.css';
import './issue11.css';

/*
 * Pieces only the staff pages use. The shared ones (Banner, FieldError, Chip,
 * StateTag, DueBadge) are the main package's kit: components/kit.
 */

export function SectionTitle({ children, extra }: PropsWithChildren<{ extra?: string }>) {
  return (
    <View className="st-section-title">
      <Text className="st-section-title__text">{children}</Text>
      {extra ? <Text className="st-section-title__extra">{extra}</Text> : null}
    </View>
  );
}

/** A checkbox with its label as one tap target (role checkbox, so it is read out as one). */
export function Check({
  checked,
  onChange,
  children,
  className,
}: PropsWithChildren<{ checked: boolean; onChange: (v: boolean) => void; className?: string }>) {
  return (
    <View
      className={`st-check${checked ? ' st-check--on' : ''}${className ? ` ${className}` : ''}`}
      role="checkbox"
      aria-checked={checked}
      onClick={() => onChange(!checked)}
    >
      <View className="st-check__box">{checked ? '✓' : ''}</View>
      <View className="st-check__text">{children}</View>
    </View>
  );
}
