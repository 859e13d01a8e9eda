import { useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { PolicyDetail } from '@zw/shared'
import Page from '../../../components/Page'
import { ErrorState, Loading } from '../../../components/PageState'
import { useRequest } from '../../../hooks/useRequest'
import { api } from '../../../services/api'
import { go, idParam } from '../../../services/nav'
import { NotFound, Paragraphs, Section, findById } from '../../../pages/guide/kit'
import { PolicyFacts, ValidityNotice, ValidityTag } from '../../../components/policy/PolicyFacts'
import './index.css'

/** How much of the full text shows before 展开全文. */
const PREVIEW_CHARS = 300

/** 政策文件: the document's facts, its summary, its full text and its interpretations. */
export default function PolicyScreen() {
  const { params } = useRouter()
  const id = idParam(params.id)
  const req = useRequest(() => findById(id, api.policy, '这份政策文件的链接不完整，请从首页重新查找。'), [id])

  if (req.status === 'loading') {
    return (
      <Page>
        <Loading text='正在打开政策文件…' />
      </Page>
    )
  }
  if (req.status === 'error') {
    return (
      <Page>
        <ErrorState message={req.error} onRetry={() => void req.reload()} />
      </Page>
    )
  }
  if (!req.data.found) {
    return (
      <Page>
        <NotFound message={req.data.message} />
      </Page>
    )
  }
  return <Policy policy={req.data.data} />
}

function Policy({ policy }: { policy: PolicyDetail }) {
  return (
    <Page className='policy-page'>
      <View className='zw-card policy-head'>
        <View className='policy-head__tags'>
          <Text className='zw-tag'>政策文件</Text>
          <ValidityTag validity={policy.validity} />
        </View>
        <Text className='zw-title policy-head__title'>{policy.title}</Text>
        <PolicyFacts policy={policy} />
      </View>

      <ValidityNotice validity={policy.validity} />

      <Section title='内容摘要'>
        <Paragraphs text={policy.summary} />
      </Section>

      {policy.body.trim() ? <FullText body={policy.body} /> : null}

      {policy.interpretations.length > 0 ? (
        <View className='policy-interps'>
          <View className='policy-interps__head'>
            <Text className='zw-h2 policy-interps__title'>政策解读</Text>
            <Text className='zw-muted'>共 {policy.interpretations.length} 篇，用大白话讲清楚这份文件</Text>
          </View>
          {policy.interpretations.map((it) => (
            <View key={it.id} className='zw-card policy-interp' hoverClass='policy-interp--pressed' onClick={() => void go('interpretation', { id: it.id })} role='link'>
              <View className='policy-interp__tags'>
                <Text className='zw-tag'>{it.form}</Text>
              </View>
              <Text className='policy-interp__title'>{it.title}</Text>
              <Text className='zw-muted policy-interp__meta'>
                {it.interpreter} · {it.publishedAt}
              </Text>
              <Text className='policy-interp__more'>查看解读 ›</Text>
            </View>
          ))}
        </View>
      ) : null}
    </Page>
  )
}

function FullText({ body }: { body: string }) {
  const [open, setOpen] = useState(false)
  const text = body.trim()
  const long = text.length > PREVIEW_CHARS
  const shown = open || !long ? text : `${text.slice(0, PREVIEW_CHARS).trimEnd()}……`
  return (
    <Section title='文件全文' extra={<Text className='zw-muted'>共 {text.length} 字</Text>}>
      <View className={`policy-body${open || !long ? '' : ' policy-body--clipped'}`}>
        <Paragraphs text={shown} />
      </View>
      {long ? (
        <Button className='zw-button zw-button--ghost policy-body__toggle' onClick={() => setOpen(!open)}>
          {open ? '收起全文' : '展开全文'}
        </Button>
      ) : null}
    </Section>
  )
}
