import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { icon } from './icons';
import './SearchBox.css';

export const SEARCH_PLACEHOLDER = '搜索办事事项、政策，如：社保、户口';
export const SEARCH_MAX = 50;

/**
 * The one search box of the app (home and search pages). The keyboard's 搜索 key
 * submits; once something is typed a 搜索 button appears too, for those who do
 * not know the key.
 */
export default function SearchBox({
  value,
  onChange,
  onSubmit,
  focus = false,
}: {
  value: string;
  onChange: (value: string) => void;
  onSubmit: (query: string) => void;
  focus?: boolean;
}) {
  const submit = (raw: string) => {
    const query = raw.trim();
    if (!query) {
      void Taro.showToast({ title: '请输入要搜索的内容', icon: 'none' });
      return;
    }
    onSubmit(query);
  };
  return (
    <View className="sbox" role="search">
      <View className="sbox__icon" style={icon('search', '#8f959e')} />
      <Input
        className="sbox__input"
        type="text"
        confirmType="search"
        value={value}
        focus={focus}
        maxlength={SEARCH_MAX}
        placeholder={SEARCH_PLACEHOLDER}
        placeholderClass="sbox__placeholder"
        aria-label="搜索办事事项和政策"
        onInput={(e) => onChange(e.detail.value)}
        onConfirm={(e) => submit(e.detail.value)}
      />
      {value ? (
        <View className="sbox__clear" role="button" aria-label="清空" onClick={() => onChange('')}>
          <Text className="sbox__clear-x">×</Text>
        </View>
      ) : null}
      {value.trim() ? (
        <View className="sbox__go" role="button" hoverClass="sbox__go--active" onClick={() => submit(value)}>
          搜索
        </View>
      ) : null}
    </View>
  );
}
