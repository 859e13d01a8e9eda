import { Text, View } from '@tarojs/components';
import type { PropsWithChildren, ReactNode } from 'react';
import './Field.css';

/**
 * The message under a form control. An alert, so a screen reader announces it when
 * it appears; nothing at all when there is no message. `field` names the value it
 * belongs to (data-field), for pages that scroll to or test a field's message.
 */
export function FieldError({ text, field, className }: { text?: string; field?: string; className?: string }) {
  if (!text) return null;
  return (
    <View className={`zw-field-error${className ? ` ${className}` : ''}`} role="alert" data-field={field}>
      {text}
    </View>
  );
}

/**
 * A labelled form field: the label (with * for required, （选填） for optional, or
 * the 七公开 mark), something on the right of the label (`extra`), the control(s),
 * a hint, and the field's message. With an error the field is marked
 * (`zw-field--error`: its inputs get a red border).
 */
export function Field({
  id,
  field,
  label,
  required,
  optional,
  seven,
  hint,
  extra,
  error,
  className,
  errorClassName,
  children,
}: PropsWithChildren<{
  id?: string;
  field?: string;
  label: ReactNode;
  required?: boolean;
  optional?: boolean;
  seven?: boolean;
  hint?: string;
  extra?: ReactNode;
  error?: string;
  className?: string;
  errorClassName?: string;
}>) {
  return (
    <View id={id} className={`zw-field${error ? ' zw-field--error' : ''}${className ? ` ${className}` : ''}`} data-field={field}>
      <View className="zw-field__head">
        <Text className="zw-field__label">
          {label}
          {required ? <Text className="zw-field__req">*</Text> : null}
          {optional ? <Text className="zw-field__opt">（选填）</Text> : null}
          {seven ? <Text className="zw-field__seven">七公开</Text> : null}
        </Text>
        {extra}
      </View>
      {children}
      {hint ? <Text className="zw-field__hint">{hint}</Text> : null}
      <FieldError text={error} field={field} className={errorClassName} />
    </View>
  );
}
