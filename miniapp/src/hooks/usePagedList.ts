import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { errorText } from '../services/time';

type Page<T> = { data: T[]; page: number; total: number };

export type PagedList<T, R> = {
  items: T[] | null;
  total: number;
  last: R | null;
  error: string;
  moreError: string;
  loadingMore: boolean;
  refresh: (quiet: boolean) => Promise<void>;
  loadMore: () => Promise<void>;
  /** Swap one item for the server's newer copy (after an action on it). */
  replace: (item: T) => void;
};

/**
 * A list loaded a page at a time: page 1 on refresh (quietly keeping the old
 * list on screen for pull-to-refresh), further pages on scroll. A newer refresh
 * wins over an older one still in flight, and pages are de-duplicated by id
 * (a case or an item can move between two pages). Shared by the staff and editor subpackages.
 */
export function usePagedList<T extends { id: number }, R extends Page<T>>(load: (page: number) => Promise<R>): PagedList<T, R> {
  const [state, setState] = useState<{ items: T[] | null; total: number; page: number; last: R | null }>({
    items: null,
    total: 0,
    page: 0,
    last: null,
  });
  const [error, setError] = useState('');
  const [moreError, setMoreError] = useState('');
  const [loadingMore, setLoadingMore] = useState(false);
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const shown = useRef(false);
  shown.current = state.items !== null;

  const refresh = useCallback(async (quiet: boolean) => {
    const mine = ++seq.current;
    if (!quiet) {
      setState({ items: null, total: 0, page: 0, last: null });
      setError('');
    }
    try {
      const res = await loadRef.current(1);
      if (mine !== seq.current) return;
      setState({ items: res.data, total: res.total, page: 1, last: res });
      setError('');
      setMoreError('');
    } catch (err) {
      if (mine !== seq.current) return;
      if (quiet && shown.current) void Taro.showToast({ title: errorText(err, '刷新没有成功'), icon: 'none' });
      else setError(errorText(err, '加载失败，请稍后再试'));
    }
  }, []);

  const loadMore = useCallback(async () => {
    if (!state.items || loadingMore || state.items.length >= state.total) return;
    const mine = seq.current;
    setLoadingMore(true);
    setMoreError('');
    try {
      const res = await loadRef.current(state.page + 1);
      if (mine !== seq.current) return;
      setState((s) => {
        if (!s.items) return s;
        const seen = new Set(s.items.map((x) => x.id));
        return { items: [...s.items, ...res.data.filter((x) => !seen.has(x.id))], total: res.total, page: res.page, last: res };
      });
    } catch (err) {
      setMoreError(errorText(err, '加载失败'));
    } finally {
      setLoadingMore(false);
    }
  }, [state, loadingMore]);

  const replace = useCallback((item: T) => {
    setState((s) => (s.items ? { ...s, items: s.items.map((x) => (x.id === item.id ? item : x)) } : s));
  }, []);

  return { items: state.items, total: state.total, last: state.last, error, moreError, loadingMore, refresh, loadMore, replace };
}
