import { Button, Text, View } from '@tarojs/components';
import './PageState.css';

/** Loading, error (with 重试) and empty states, worded for citizens. */
export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className="zw-state" aria-live="polite">
      <Text className="zw-muted">{text}</Text>
    </View>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className="zw-state" role="alert">
      <Text className="zw-state__msg">{message}</Text>
      {onRetry ? (
        <Button className="zw-button zw-state__retry" onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  );
}

export function Empty({ text, hint }: { text: string; hint?: string }) {
  return (
    <View className="zw-state">
      <Text className="zw-state__msg">{text}</Text>
      {hint ? <Text className="zw-muted zw-state__hint">{hint}</Text> : null}
    </View>
  );
}
