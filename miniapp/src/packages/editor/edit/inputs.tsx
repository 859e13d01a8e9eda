import { Input, Text, Textarea, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useFieldLabel } from '../../../components/kit';
import { moveRow, removeRow } from '../form';

/*
 * Inputs of the guide form. Taro's Input and Textarea stop at 140 characters
 * unless told otherwise, so every one states the schema's own limit.
 */

export function TextInput({
  value,
  onChange,
  max,
  placeholder,
  name,
  label,
  type = 'text',
}: {
  value: string;
  onChange: (v: string) => void;
  max: number;
  placeholder?: string;
  name: string;
  /** Its accessible name when it is not the whole field's (a row's 材料名称); else the Field's label. */
  label?: string;
  type?: 'text' | 'number';
}) {
  return (
    <Input
      className={`zw-input ed-in-${name}`}
      aria-label={useFieldLabel(label)}
      type={type}
      value={value}
      maxlength={max}
      placeholder={placeholder}
      onInput={(e) => onChange(e.detail.value)}
    />
  );
}

export function TextArea({
  value,
  onChange,
  max,
  placeholder,
  name,
  label,
  short,
}: {
  value: string;
  onChange: (v: string) => void;
  max: number;
  placeholder?: string;
  name: string;
  /** As TextInput's. */
  label?: string;
  short?: boolean;
}) {
  return (
    <Textarea
      className={`ed-textarea${short ? ' ed-textarea--short' : ''} ed-in-${name}`}
      aria-label={useFieldLabel(label)}
      value={value}
      maxlength={max}
      placeholder={placeholder}
      autoHeight={false}
      onInput={(e) => onChange(e.detail.value)}
    />
  );
}

/** `order[newIndex] = oldIndex` (null for a new row): how field messages follow their rows. */
export type RowOrder = Array<number | null>;

/**
 * A list of rows (laws, steps, materials…): each row with its number, ↑ ↓ to
 * reorder where order matters, 删除; and a dashed 添加 at the end.
 */
export function RowList<T>({
  rows,
  onChange,
  render,
  make,
  addLabel,
  name,
  movable,
  badRow,
}: {
  rows: T[];
  onChange: (rows: T[], order: RowOrder) => void;
  render: (row: T, index: number, set: (row: T) => void) => ReactNode;
  make: () => T;
  addLabel: string;
  name: string;
  movable?: boolean;
  badRow?: (index: number) => boolean;
}) {
  const ids = rows.map((_, i) => i);
  return (
    <View className={`ed-rows ed-rows-${name}`}>
      {rows.map((row, i) => (
        <View key={i} className={`ed-row${badRow?.(i) ? ' ed-row--bad' : ''}`}>
          <View className="ed-row__head">
            <Text className="ed-row__no">{`第 ${i + 1} ${name === 'procedure' ? '步' : '条'}`}</Text>
            <View className="ed-row__tools">
              {movable ? (
                <>
                  <View
                    className="zw-btn zw-btn--small ed-row-up"
                    role="button"
                    aria-disabled={i === 0}
                    onClick={() => i > 0 && onChange(moveRow(rows, i, -1), moveRow(ids, i, -1))}
                  >
                    上移
                  </View>
                  <View
                    className="zw-btn zw-btn--small ed-row-down"
                    role="button"
                    aria-disabled={i === rows.length - 1}
                    onClick={() => i < rows.length - 1 && onChange(moveRow(rows, i, 1), moveRow(ids, i, 1))}
                  >
                    下移
                  </View>
                </>
              ) : null}
              <View
                className="zw-btn zw-btn--small zw-btn--danger ed-row-remove"
                role="button"
                onClick={() => onChange(removeRow(rows, i), removeRow(ids, i))}
              >
                删除
              </View>
            </View>
          </View>
          {render(row, i, (next) =>
            onChange(
              rows.map((r, j) => (j === i ? next : r)),
              ids,
            ),
          )}
        </View>
      ))}
      <View className={`ed-add ed-add-${name}`} role="button" onClick={() => onChange([...rows, make()], [...ids, null])}>
        {`＋ ${addLabel}`}
      </View>
    </View>
  );
}
