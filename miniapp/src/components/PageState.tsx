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

/** `way`: a second way out, so that an error is never a dead end (e.g. 返回我的诉求). */
export function ErrorState({
  message,
  onRetry,
  way,
}: {
  message: string;
  onRetry?: () => void;
  way?: { label: string; onClick: () => void };
}) {
  return (
    <View className="zw-state" role="alert">
      <Text className="zw-state__msg">{message}</Text>
      {onRetry ? (
        <Button className="zw-button zw-state__retry" onClick={onRetry}>
          重试
        </Button>
      ) : null}
      {way ? (
        <Button className="zw-button zw-button--ghost zw-state__way" onClick={way.onClick}>
          {way.label}
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
