import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { InterpretationDetail } from '@zw/shared';
import Page from '../Page';
import { go } from '../../services/nav';
import { limitLabel, visitsLabel } from '@zw/shared/guide';
import { Accordion, LinkRow, Paragraphs, Section } from '../kit';
import { PolicyFacts, ValidityNotice } from './PolicyFacts';
import './InterpretationView.css';

/*
 * In the main package because two subpackages render it: the citizen's
 * packages/policy and the editor's preview (WeChat forbids one subpackage
 * importing another's modules).
 */

const filled = (s: string | null | undefined) => Boolean(s && s.trim());

/**
 * 政策解读 as a citizen sees it: 谁起草谁解读 — the required parts in a fixed
 * order; a part with no content is left out. The editor's preview renders the
 * same component from an unsaved draft (`preview`): the same layout, with the
 * links to the document and the guides switched off.
 */
export default function InterpretationView({
  it,
  preview = false,
  top,
  bottom,
}: {
  it: InterpretationDetail;
  preview?: boolean;
  top?: ReactNode;
  /** After the content, inside the page: the citizen's 分享给亲友. */
  bottom?: ReactNode;
}) {
  const openPolicy = () => {
    if (!preview) void go('policy', { id: it.policy.id });
  };
  const points = it.mainPoints.filter(filled);
  const terms = it.keyTerms.filter((t) => filled(t.term));
  return (
    <Page className={`interp-page${preview ? ' interp-page--preview' : ''}`}>
      {top}
      <View className="zw-card interp-head">
        <View className="interp-head__tags">
          <Text className="zw-tag">{it.form}</Text>
        </View>
        <Text className="zw-title interp-head__title">{it.title}</Text>
        <View className="interp-head__meta">
          <Text className="interp-block">解读机关：{it.interpreter}</Text>
          <Text className="interp-block">发布日期：{it.publishedAt}</Text>
        </View>
      </View>

      <Section title="解读的文件" className="interp-doc">
        <View className="interp-doc__title" hoverClass="interp-doc__title--pressed" onClick={openPolicy} role="link">
          <Text className="interp-doc__name">{it.policy.title}</Text>
          <Text className="interp-doc__arrow">›</Text>
        </View>
        <PolicyFacts policy={it.policy} />
        <View className="interp-doc__open" hoverClass="interp-doc__open--pressed" onClick={openPolicy} role="link">
          <Text>查看文件原文 ›</Text>
        </View>
      </Section>

      <ValidityNotice validity={it.policy.validity} />

      {filled(it.background) ? (
        <Section title="背景依据">
          <Paragraphs text={it.background} />
        </Section>
      ) : null}

      {filled(it.purpose) ? (
        <Section title="出台目的">
          <Paragraphs text={it.purpose} />
        </Section>
      ) : null}

      {points.length > 0 ? (
        <Section title="主要内容">
          {points.map((p, i) => (
            <View key={i} className="interp-point">
              <Text className="interp-point__no">{i + 1}</Text>
              <Paragraphs className="interp-point__text" text={p} />
            </View>
          ))}
        </Section>
      ) : null}

      {filled(it.scope) ? (
        <Section title="适用范围">
          <Paragraphs text={it.scope} />
        </Section>
      ) : null}

      {terms.length > 0 ? (
        <Section title="关键术语">
          {terms.map((t, i) => (
            <View key={i} className="interp-term">
              <Text className="interp-term__name">{t.term}：</Text>
              <Text className="interp-term__def">{t.definition}</Text>
            </View>
          ))}
        </Section>
      ) : null}

      {filled(it.changes) ? (
        <Section title="新旧政策差异">
          <Paragraphs text={it.changes} />
        </Section>
      ) : null}

      {filled(it.benefits) ? (
        <Section title="惠民举措" className="interp-benefits">
          <Paragraphs text={it.benefits} />
        </Section>
      ) : null}

      {it.qa.length > 0 ? (
        <Section title="问答" extra={<Text className="zw-muted">点问题看回答</Text>}>
          <Accordion items={it.qa} />
        </Section>
      ) : null}

      {it.items.length > 0 ? (
        <Section title="相关办事指南">
          {it.items.map((item) => (
            <LinkRow
              key={item.id}
              title={item.name}
              meta={
                <Text>
                  {item.department.name} · {limitLabel(item.promisedLimitDays)} · {visitsLabel(item.visitsNeeded)}
                </Text>
              }
              onClick={() => {
                if (!preview) void go('item', { id: item.id });
              }}
            />
          ))}
        </Section>
      ) : null}
      {bottom}
    </Page>
  );
}
