import { Button, Text, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import type { PolicyDetail } from '@zw/shared';
import Page from '../Page';
import { go } from '../../services/nav';
import { Paragraphs, Section } from '../kit';
import { PolicyFacts, ValidityNotice, ValidityTag } from './PolicyFacts';
import './PolicyView.css';

/* In the main package because the citizen's packages/policy and the editor's preview both render it. */

/** How much of the full text shows before 展开全文. */
const PREVIEW_CHARS = 300;

/**
 * 政策文件 as a citizen sees it: the document's facts, its summary, its full
 * text and its interpretations. The editor's preview renders the same
 * component from an unsaved draft (`preview`), with the links switched off.
 */
export default function PolicyView({
  policy,
  preview = false,
  top,
  bottom,
}: {
  policy: PolicyDetail;
  preview?: boolean;
  top?: ReactNode;
  /** After the content, inside the page (its padding, 长辈模式): the citizen's 分享给亲友. */
  bottom?: ReactNode;
}) {
  return (
    <Page className={`policy-page${preview ? ' policy-page--preview' : ''}`}>
      {top}
      <View className="zw-card policy-head">
        <View className="policy-head__tags">
          <Text className="zw-tag">政策文件</Text>
          <ValidityTag validity={policy.validity} />
        </View>
        <Text className="zw-title policy-head__title">{policy.title}</Text>
        <PolicyFacts policy={policy} />
      </View>

      <ValidityNotice validity={policy.validity} />

      <Section title="内容摘要">
        <Paragraphs text={policy.summary} />
      </Section>

      {policy.body.trim() ? <FullText body={policy.body} /> : null}

      {policy.interpretations.length > 0 ? (
        <View className="policy-interps">
          <View className="policy-interps__head">
            <Text className="zw-h2 policy-interps__title">政策解读</Text>
            <Text className="zw-muted">共 {policy.interpretations.length} 篇，用大白话讲清楚这份文件</Text>
          </View>
          {policy.interpretations.map((it) => (
            <View
              key={it.id}
              className="zw-card policy-interp"
              hoverClass="policy-interp--pressed"
              onClick={() => {
                if (!preview) void go('interpretation', { id: it.id });
              }}
              role="link"
            >
              <View className="policy-interp__tags">
                <Text className="zw-tag">{it.form}</Text>
              </View>
              <Text className="policy-interp__title">{it.title}</Text>
              <Text className="zw-muted policy-interp__meta">
                {it.interpreter} · {it.publishedAt}
              </Text>
              <Text className="policy-interp__more">查看解读 ›</Text>
            </View>
          ))}
        </View>
      ) : null}
      {bottom}
    </Page>
  );
}

function FullText({ body }: { body: string }) {
  const [open, setOpen] = useState(false);
  const text = body.trim();
  const long = text.length > PREVIEW_CHARS;
  const shown = open || !long ? text : `${text.slice(0, PREVIEW_CHARS).trimEnd()}……`;
  return (
    <Section title="文件全文" extra={<Text className="zw-muted">共 {text.length} 字</Text>}>
      <View className={`policy-body${open || !long ? '' : ' policy-body--clipped'}`}>
        <Paragraphs text={shown} />
      </View>
      {long ? (
        <Button className="zw-button zw-button--ghost policy-body__toggle" onClick={() => setOpen(!open)}>
          {open ? '收起全文' : '展开全文'}
        </Button>
      ) : null}
    </Section>
  );
}
