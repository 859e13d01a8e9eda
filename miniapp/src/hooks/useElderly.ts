import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';

/**
 * 长辈模式: larger text and touch targets across the whole app, remembered
 * across restarts (storage), shared by every open page (an event).
 */
const KEY = 'zw:elderly';
const EVENT = 'zw:elderly-changed';

export function isElderly(): boolean {
  return Taro.getStorageSync(KEY) === true;
}

export function useElderly(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(isElderly);
  useEffect(() => {
    const listener = (value: boolean) => setOn(value);
    Taro.eventCenter.on(EVENT, listener);
    return () => {
      Taro.eventCenter.off(EVENT, listener);
    };
  }, []);
  const set = useCallback((value: boolean) => {
    Taro.setStorageSync(KEY, value);
    Taro.eventCenter.trigger(EVENT, value);
  }, []);
  return [on, set];
}
