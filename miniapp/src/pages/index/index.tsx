import { useCallback, useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import type { ItemList } from '@zw/shared'
import { ApiError, api } from '../../services/api'
import './index.css'

type Load =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'done'; list: ItemList }

export default function Index() {
  const [load, setLoad] = useState<Load>({ status: 'loading' })

  const refresh = useCallback(async () => {
    setLoad({ status: 'loading' })
    try {
      setLoad({ status: 'done', list: await api.items({ pageSize: 10 }) })
    } catch (err) {
      setLoad({
        status: 'error',
        message: err instanceof ApiError ? err.message : '加载失败，请稍后再试',
      })
    }
  }, [])

  useEffect(() => {
    void refresh()
  }, [refresh])

  return (
    <View className='home'>
      <View className='home__header'>
        <Text className='home__title'>清溪县政务服务</Text>
        <Text className='home__lead'>查办事指南、找办事窗口，少跑腿、好办事。</Text>
      </View>

      <Text className='home__section-title'>办事事项</Text>
      {load.status === 'loading' && (
        <View className='state'>
          <Text className='state__text'>正在加载…</Text>
        </View>
      )}
      {load.status === 'error' && (
        <View className='state'>
          <Text className='state__text'>{load.message}</Text>
          <Button className='state__retry' onClick={() => void refresh()}>
            重试
          </Button>
        </View>
      )}
      {load.status === 'done' && load.list.data.length === 0 && (
        <View className='state'>
          <Text className='state__text'>暂无办事事项</Text>
        </View>
      )}
      {load.status === 'done' &&
        load.list.data.map((item) => (
          <View className='item' key={item.id}>
            <Text className='item__name'>{item.name}</Text>
            <Text className='item__dept'>{item.department.name}</Text>
            {item.summary ? <Text className='item__summary'>{item.summary}</Text> : null}
          </View>
        ))}
    </View>
  )
}
