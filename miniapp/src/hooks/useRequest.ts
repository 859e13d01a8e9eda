import { useCallback, useEffect, useRef, useState } from 'react'

export type RequestState<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'error'; data?: undefined; error: string }
  | { status: 'done'; data: T; error?: undefined }

/** Loads once on mount (and when `deps` change); `reload` retries. Errors become plain Chinese messages. */
export function useRequest<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [state, setState] = useState<RequestState<T>>({ status: 'loading' })
  const seq = useRef(0)
  const reload = useCallback(async () => {
    const mine = ++seq.current
    setState({ status: 'loading' })
    try {
      const data = await load()
      if (mine === seq.current) setState({ status: 'done', data })
    } catch (err) {
      if (mine === seq.current) setState({ status: 'error', error: err instanceof Error && err.message ? err.message : '加载失败，请稍后再试' })
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)
  useEffect(() => {
    void reload()
  }, [reload])
  return { ...state, reload }
}
