import { Text, View } from '@tarojs/components';
import { createContext, useContext, type PropsWithChildren, type ReactNode } from 'react';
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

/** The label of the field a control sits in, for controls without a label of their own (see useFieldLabel). */
const FieldLabel = createContext<string | undefined>(undefined);

/**
 * The accessible name a text control inside a Field should carry: the field's label when it is plain text.
 * Taro's inputs cannot be tied to a <label> in both builds, so each takes the name as aria-label.
 */
export function useFieldLabel(own?: string): string | undefined {
  const inField = useContext(FieldLabel);
  return own ?? inField;
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
      <FieldLabel.Provider value={typeof label === 'string' ? label : undefined}>{children}</FieldLabel.Provider>
      {hint ? <Text className="zw-field__hint">{hint}</Text> : null}
      <FieldError text={error} field={field} className={errorClassName} />
    </View>
  );
}
