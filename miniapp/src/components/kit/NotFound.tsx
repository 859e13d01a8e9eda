import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { pagePaths } from '@zw/shared/paths';
import { ApiError } from '../../services/api';
import './NotFound.css';

/** What a detail page loads: the record, or a reason it does not exist (bad or unknown id). */
export type Found<T> = { found: true; data: T } | { found: false; message: string };

/**
 * Loads a record by id. An id that is missing, malformed or unknown (400/404) is
 * "not found" (no 重试: retrying cannot help); network and server errors still throw
 * so the page can offer 重试.
 */
export async function findById<T>(id: number | null, load: (id: number) => Promise<T>, missing: string): Promise<Found<T>> {
  if (id === null) return { found: false, message: missing };
  try {
    return { found: true, data: await load(id) };
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 400)) {
      return { found: false, message: err.status === 404 && err.message ? err.message : missing };
    }
    throw err;
  }
}

export function goHome() {
  void Taro.reLaunch({ url: pagePaths.home });
}

/** The friendly dead end for an unknown id: what happened, and a way home. */
export function NotFound({ message }: { message: string }) {
  return (
    <View className="kit-missing" role="alert">
      <View className="kit-missing__icon">
        <Text>?</Text>
      </View>
      <Text className="kit-missing__title">{message}</Text>
      <Text className="zw-muted kit-missing__hint">可以回到首页，搜索或浏览您要办的事。</Text>
      <Button className="zw-button kit-missing__home" onClick={goHome}>
        返回首页
      </Button>
    </View>
  );
}
