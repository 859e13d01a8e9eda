import { startTransition, useCallback, useEffect, useRef, useState } from 'react';

export type RequestState<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'error'; data?: undefined; error: string }
  | { status: 'done'; data: T; error?: undefined };

/**
 * Loads once on mount (and when `deps` change); `reload` retries. Errors become plain Chinese messages.
 * `reload({ quiet: true })` (pull-to-refresh) keeps what is on screen until the new answer arrives,
 * and keeps it if the reload fails (it resolves false so the caller can say so).
 */
export function useRequest<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [state, setState] = useState<RequestState<T>>({ status: 'loading' });
  const seq = useRef(0);
  const reload = useCallback(async (opts?: { quiet?: boolean }): Promise<boolean> => {
    const mine = ++seq.current;
    if (!opts?.quiet) setState({ status: 'loading' });
    try {
      const data = await load();
      // A transition: a long guide is rendered in slices that yield to the phone between them (React 18),
      // so a tap or a scroll is never held up behind one long task while the page fills in.
      if (mine === seq.current) startTransition(() => setState({ status: 'done', data }));
      return true;
    } catch (err) {
      // A quiet reload that fails leaves the page as it was; the caller says so briefly.
      if (mine === seq.current && !opts?.quiet)
        setState({ status: 'error', error: err instanceof Error && err.message ? err.message : '加载失败，请稍后再试' });
      return false;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { ...state, reload };
}
