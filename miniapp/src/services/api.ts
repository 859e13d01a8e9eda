import Taro from '@tarojs/taro'
import type { ErrorBody, ItemList } from '@zw/shared'
import { apiUrl } from './config'

/** A failure with a message fit to show citizens as is. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

function errorMessage(data: unknown): string | undefined {
  const message = (data as Partial<ErrorBody> | null)?.error?.message
  return typeof message === 'string' && message ? message : undefined
}

async function getJson<T>(path: string): Promise<T> {
  let res: Taro.request.SuccessCallbackResult
  try {
    res = await Taro.request({ url: apiUrl(path), method: 'GET', dataType: 'json', timeout: 10_000 })
  } catch {
    throw new ApiError('网络连接失败，请检查网络后重试')
  }
  if (res.statusCode < 200 || res.statusCode >= 300) {
    throw new ApiError(errorMessage(res.data) ?? '服务暂时不可用，请稍后再试', res.statusCode)
  }
  return res.data as T
}

/** First page of service items (办事事项). */
export async function fetchItems(pageSize = 10): Promise<ItemList> {
  const list = await getJson<ItemList>(`/api/items?pageSize=${pageSize}`)
  if (!list || !Array.isArray(list.data)) throw new ApiError('返回的数据格式有误，请稍后再试')
  return list
}
