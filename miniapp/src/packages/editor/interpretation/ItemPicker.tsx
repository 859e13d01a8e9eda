import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { editorApi } from '../services/editor-api';
import { errorText } from '../text';
import { parseIds } from '../policy-form';

type Found = { id: number; code: string; name: string };

/**
 * 关联事项: the linked guides by name (looked up by id), 移除 for each, and a
 * search by name or 事项编码 whose results are added with one tap. The ids
 * stay one line of text in the form (also typed by hand), so a bad id gets
 * the same message next to the field as any other value.
 */
export default function ItemPicker({ value, onChange }: { value: string; onChange: (text: string) => void }) {
  const ids = parseIds(value).filter((n) => !Number.isNaN(n));
  const [names, setNames] = useState<Record<number, string>>({});
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Found[] | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    for (const id of ids)
      if (!(id in names))
        editorApi.item(id).then(
          (it) => setNames((n) => ({ ...n, [id]: it.name })),
          () => setNames((n) => ({ ...n, [id]: '（没有这个编号的事项）' })),
        );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);

  const search = async () => {
    if (!q.trim()) return;
    setError('');
    try {
      setFound((await editorApi.items({ q: q.trim(), pageSize: 5 })).data);
    } catch (err) {
      setError(errorText(err, '没有查到，请稍后再试'));
    }
  };
  const set = (next: number[]) => onChange(next.join('、'));

  return (
    <View className="ed-picker">
      {ids.map((id) => (
        <View key={id} className="ed-picker__row" data-id={id}>
          <Text className="ed-picker__name">{`${id} · ${names[id] ?? '…'}`}</Text>
          <View
            className="zw-btn zw-btn--small zw-btn--danger ed-picker-remove"
            role="button"
            onClick={() => set(ids.filter((x) => x !== id))}
          >
            移除
          </View>
        </View>
      ))}
      <View className="zw-search" style={{ marginTop: '0.4em' }}>
        <Input
          className="zw-input ed-search-input ed-picker-q"
          value={q}
          maxlength={50}
          placeholder="按事项名称或编码查找"
          confirmType="search"
          onInput={(e) => setQ(e.detail.value)}
          onConfirm={() => void search()}
        />
        <Button className="zw-btn ed-picker-go" onClick={() => void search()}>
          查找
        </Button>
      </View>
      {error ? <Text className="ed-hint">{error}</Text> : null}
      {found?.length === 0 ? <Text className="ed-hint">没有找到，换个词试试。</Text> : null}
      {found?.map((f) => (
        <View key={f.id} className="ed-picker__row ed-picker-found" data-id={f.id}>
          <Text className="ed-picker__name">{`${f.name}（${f.code}）`}</Text>
          {ids.includes(f.id) ? (
            <Text className="zw-muted">已关联</Text>
          ) : (
            <View
              className="zw-btn zw-btn--small ed-picker-add"
              role="button"
              onClick={() => {
                setNames((n) => ({ ...n, [f.id]: f.name }));
                set([...ids, f.id]);
              }}
            >
              关联
            </View>
          )}
        </View>
      ))}
    </View>
  );
}
