import { Button, Text, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import type { Material, ServiceItem } from '@zw/shared';
import { itemFieldLabels, limitLabel, sevenPublicFields, sevenPublicTitles, visitsLabel, type SevenPublicField } from '@zw/shared/guide';
import Page from '../../components/Page';
import { go } from '../../services/nav';
import { Accordion, LinkRow, Paragraphs, Section, ShareButton, chinaDate } from '../../components/kit';
import { shareTitle } from '../../hooks/useShare';
import { copyText } from '../../services/clipboard';
import { callPhone } from '../../services/phone';
import './index.css';

/**
 * 办事指南 as a citizen sees it: the 七公开 first, in their fixed order, then
 * everything else a citizen needs before going. The editor's 预览 page renders
 * the same component from an unsaved draft (`preview`): the same layout, without
 * the buttons that would act on it (share, 投诉/咨询, opening a window).
 */
export default function GuideView({ item, preview = false, top }: { item: ServiceItem; preview?: boolean; top?: ReactNode }) {
  return (
    <Page className={`guide-page${preview ? ' guide-page--preview' : ''}`}>
      {top}
      <Header item={item} />

      {/* 七公开 — fixed order and wording, from the shared content model */}
      {sevenPublicFields.map((k) => (
        <Section key={k} title={sevenPublicTitles[k].page} className="guide-part">
          {sevenPublic[k](item)}
        </Section>
      ))}

      {/* 其他公开要素 */}
      <Materials materials={item.materials} />

      <Section title="办理时限">
        <View className="guide-limits">
          <View className="guide-limit">
            <Text className="guide-limit__label">法定时限</Text>
            <LimitValue days={item.statutoryLimitDays} />
          </View>
          <View className="guide-limit guide-limit--promise">
            <Text className="guide-limit__label">承诺时限</Text>
            <LimitValue days={item.promisedLimitDays} />
          </View>
        </View>
        <Text className="zw-muted guide-block">
          {item.promisedLimitDays === 0 ? '材料齐全、符合条件的，当场办结。' : '从受理之日起计算，不含周末和法定节假日。'}
        </Text>
      </Section>

      <Section title="办理地点和时间">
        <Text className="guide-label">办理地点</Text>
        <Paragraphs className="guide-text" text={item.location} />
        <Button className="zw-button zw-button--ghost guide-small-btn" onClick={() => void copyText(item.location, '地址已复制')}>
          复制地址
        </Button>
        <Text className="guide-label guide-label--gap">办公时间</Text>
        <Paragraphs className="guide-text" text={item.officeHours} />
        {item.windows.length > 0 ? (
          <>
            <Text className="guide-label guide-label--gap">可以办理的窗口</Text>
            <View className="guide-windows">
              {item.windows.map((w) => (
                <LinkRow
                  key={w.id}
                  title={`${w.number} ${w.name}`}
                  meta={<Text>{w.hallName}</Text>}
                  onClick={() => void (preview ? undefined : go('window', { id: w.id }))}
                />
              ))}
            </View>
          </>
        ) : null}
      </Section>

      <Section title="到现场次数">
        <Text className="guide-big">{visitsLabel(item.visitsNeeded)}</Text>
        <Text className="zw-muted guide-block">
          {item.visitsNeeded === 0
            ? '在网上就能办完，不用到现场。'
            : item.visitsNeeded === 1
              ? '材料齐全、符合条件的，到现场一次就能办完。'
              : `需要到现场 ${item.visitsNeeded} 次，请按窗口告知的时间前往。`}
        </Text>
      </Section>

      <Section title="网上办理">
        {item.onlineUrl ? (
          <>
            <Text className="guide-block">本事项可以在网上办理。复制下面的网址，到手机浏览器里打开。</Text>
            <Text className="guide-url" userSelect>
              {item.onlineUrl}
            </Text>
            <Button
              className="zw-button zw-button--ghost guide-small-btn"
              onClick={() => void copyText(item.onlineUrl ?? '', '网址已复制')}
            >
              复制网址
            </Button>
          </>
        ) : (
          <Text className="guide-block">本事项暂时不能在网上办理，请到窗口办理。</Text>
        )}
      </Section>

      <Section title="咨询电话">
        <Phone number={item.consultPhone} hint="对办理条件、材料有疑问，可以先打电话问清楚再来。" />
      </Section>

      {item.faq.length > 0 ? (
        <Section title="常见问题">
          <Accordion items={item.faq} />
        </Section>
      ) : null}

      {item.resultName || item.resultSampleUrl ? (
        <Section title={itemFieldLabels.resultName}>
          {item.resultName ? <Text className="guide-strong">{item.resultName}</Text> : null}
          {item.resultSampleUrl ? (
            <>
              <Text className="guide-label guide-label--gap">{itemFieldLabels.resultSampleUrl}</Text>
              <Text className="guide-url" userSelect>
                {item.resultSampleUrl}
              </Text>
              <Button
                className="zw-button zw-button--ghost guide-small-btn"
                onClick={() => void copyText(item.resultSampleUrl ?? '', '样本网址已复制')}
              >
                复制样本网址
              </Button>
            </>
          ) : null}
        </Section>
      ) : null}

      {item.interpretations.length > 0 ? (
        <Section title="相关政策解读">
          {item.interpretations.map((r) => (
            <LinkRow
              key={r.id}
              title={r.title}
              meta={
                <Text>
                  {r.policyTitle}
                  <Text className="kit-nowrap"> · {r.publishedAt}</Text>
                </Text>
              }
              onClick={() => void (preview ? undefined : go('interpretation', { id: r.id }))}
            />
          ))}
        </Section>
      ) : null}

      <Text className="zw-muted guide-footnote">
        本指南由{item.department.name}公开，最后更新于 {chinaDate(item.updatedAt)}。内容如有变化，以窗口告知为准。
      </Text>

      {preview ? null : <ActionBar item={item} />}
    </Page>
  );
}

/** What each of the 七公开 shows; the order and titles are the content model's. */
const sevenPublic: Record<SevenPublicField, (item: ServiceItem) => ReactNode> = {
  name: (item) => (
    <>
      <Text className="guide-name">{item.name}</Text>
      <Paragraphs className="guide-text" text={item.summary} />
    </>
  ),
  legalBasis: (item) =>
    item.legalBasis.map((b, i) => (
      <View key={i} className="guide-law">
        <Text className="guide-law__name">{b.law}</Text>
        {b.articles ? <Paragraphs className="guide-law__articles" text={b.articles} /> : null}
      </View>
    )),
  procedure: (item) => (
    <View className="guide-steps">
      {item.procedure.map((s, i) => (
        <View key={i} className="guide-step">
          <View className="guide-step__rail">
            <Text className="guide-step__no">{i + 1}</Text>
          </View>
          <View className="guide-step__body">
            <View className="guide-step__head">
              <Text className="guide-step__title">{s.title}</Text>
              {s.days !== null ? <Text className="guide-step__days">{s.days === 0 ? '当场办理' : `${s.days} 个工作日`}</Text> : null}
            </View>
            <Paragraphs className="guide-step__desc" text={s.description} />
          </View>
        </View>
      ))}
    </View>
  ),
  conditions: (item) =>
    item.conditions.map((c, i) => (
      <View key={i} className="guide-li">
        <Text className="guide-li__mark">{i + 1}.</Text>
        <Text className="guide-li__text">{c}</Text>
      </View>
    )),
  fee: (item) => (
    <>
      {item.fee.charged ? (
        <Paragraphs className="guide-fee guide-fee--charged" text={item.fee.standard || '收费，具体标准请咨询窗口'} />
      ) : (
        <Text className="guide-fee guide-fee--free">不收费</Text>
      )}
      {item.fee.basis ? (
        <View className="guide-fee__basis">
          <Text className="guide-label">{item.fee.charged ? '收费依据' : '不收费依据'}</Text>
          <Paragraphs className="zw-muted" text={item.fee.basis} />
        </View>
      ) : null}
    </>
  ),
  responsibleUnit: (item) => (
    <>
      <Text className="guide-strong">{item.responsibleUnit}</Text>
      {item.department.name !== item.responsibleUnit ? (
        <Text className="zw-muted guide-block">主管部门：{item.department.name}</Text>
      ) : null}
    </>
  ),
  supervisionPhone: (item) => <Phone number={item.supervisionPhone} hint="办事中遇到推诿、刁难或对服务不满意，可以拨打监督电话反映。" />,
};

function Header({ item }: { item: ServiceItem }) {
  return (
    <View className="zw-card guide-head">
      <View className="guide-head__tags">
        <Text className="zw-tag">{item.itemType}</Text>
      </View>
      <Text className="zw-title guide-head__title">{item.name}</Text>
      <View className="guide-head__meta">
        <Text className="guide-block">事项编码：{item.code}</Text>
        <Text className="guide-block">实施部门：{item.department.name}</Text>
        <Text className="guide-block">最后更新：{chinaDate(item.updatedAt)}</Text>
      </View>
      <View className="guide-quick">
        <View className="guide-quick__cell">
          <Text className="guide-quick__value">{limitLabel(item.promisedLimitDays)}</Text>
          <Text className="guide-quick__label">承诺时限</Text>
        </View>
        <View className="guide-quick__cell">
          <Text className="guide-quick__value">{visitsLabel(item.visitsNeeded)}</Text>
          <Text className="guide-quick__label">到现场次数</Text>
        </View>
        <View className="guide-quick__cell">
          <Text className="guide-quick__value">{item.fee.charged ? '收费' : '不收费'}</Text>
          <Text className="guide-quick__label">收费标准</Text>
        </View>
      </View>
    </View>
  );
}

function LimitValue({ days }: { days: number }) {
  if (days === 0) return <Text className="guide-limit__value">即办</Text>;
  return (
    <View className="guide-limit__value">
      <Text>{days}</Text>
      <Text className="guide-limit__unit"> 个工作日</Text>
    </View>
  );
}

function Phone({ number, hint }: { number: string; hint: string }) {
  return (
    <View>
      <View className="guide-phone">
        <Text className="guide-phone__num" userSelect>
          {number}
        </Text>
        <Button className="zw-button guide-phone__call" onClick={() => callPhone(number)}>
          拨打
        </Button>
      </View>
      <Text className="zw-muted guide-block">{hint}</Text>
    </View>
  );
}

const copiesText = (m: Material) => (m.copies > 0 ? `${m.copies} 份` : '核验后退还');

function Materials({ materials }: { materials: Material[] }) {
  const [open, setOpen] = useState(false);
  const required = materials.filter((m) => m.required).length;
  const count = materials.length;
  if (count === 0) {
    return (
      <Section title="申请材料">
        <Text className="guide-block">本事项不需要提交材料。</Text>
      </Section>
    );
  }
  return (
    <View className="zw-card kit-section guide-materials">
      <View className="kit-section__head guide-materials__head" onClick={() => setOpen(!open)} role="button" aria-expanded={open}>
        <Text className="zw-h2 kit-section__title">申请材料</Text>
        <Text className="guide-materials__count">共 {count} 项</Text>
      </View>
      {open ? (
        <View className="guide-materials__list">
          {materials.map((m, i) => (
            <View key={i} className="guide-mat">
              <View className="guide-mat__head">
                <Text className="guide-mat__no">{i + 1}</Text>
                <Text className="guide-mat__name">{m.name}</Text>
              </View>
              <View className="guide-mat__tags">
                <Text className={`zw-tag ${m.required ? 'guide-tag--must' : 'guide-tag--maybe'}`}>
                  {m.required ? '必须提交' : '视情况提交'}
                </Text>
                <Text className="zw-tag guide-tag--plain">{m.form}</Text>
                <Text className="zw-tag guide-tag--plain">{copiesText(m)}</Text>
              </View>
              {m.notes ? <Paragraphs className="zw-muted guide-mat__notes" text={m.notes} /> : null}
              {m.templateUrl ? (
                <Text className="guide-mat__tpl" onClick={() => void copyText(m.templateUrl ?? '', '表格下载网址已复制')}>
                  复制空白表格下载网址
                </Text>
              ) : null}
            </View>
          ))}
          <Button className="zw-button zw-button--ghost guide-materials__toggle" onClick={() => setOpen(false)}>
            收起材料清单
          </Button>
        </View>
      ) : (
        <View className="guide-materials__summary">
          <Text className="guide-block">
            必须提交 {required} 项{count - required > 0 ? `，视情况提交 ${count - required} 项` : ''}。
          </Text>
          <Button className="zw-button guide-materials__toggle" onClick={() => setOpen(true)}>
            查看全部 {count} 项材料
          </Button>
        </View>
      )}
    </View>
  );
}

function ActionBar({ item }: { item: ServiceItem }) {
  return (
    <View className="guide-bar">
      <ShareButton className="guide-bar__share" label="分享" title={shareTitle(item.name)} />
      <Button
        className="zw-button zw-button--ghost guide-bar__btn"
        onClick={() => void go('newCase', { type: '投诉', targetType: 'item', targetId: item.id })}
      >
        我要投诉
      </Button>
      <Button
        className="zw-button guide-bar__btn"
        onClick={() => void go('newCase', { type: '咨询', targetType: 'item', targetId: item.id })}
      >
        我要咨询
      </Button>
    </View>
  );
}
