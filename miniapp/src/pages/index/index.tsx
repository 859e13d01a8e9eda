import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import type { CaseSummary, Department, ItemList, PolicyList } from '@zw/shared';
import Page from '../../components/Page';
import { Empty, ErrorState, Loading } from '../../components/PageState';
import { useElderly } from '../../hooks/useElderly';
import { useRequest, type RequestState } from '../../hooks/useRequest';
import { api } from '../../services/api';
import { canActSilently } from '../../services/auth';
import { go } from '../../services/nav';
import { chineseDate, ymd } from './format';
import { icon, type IconName } from './icons';
import { Toggle } from '../../components/kit';
import SearchBox from './SearchBox';
import './index.css';
import { limitLabel, visitsLabel } from '@zw/shared/guide';
import { pagePaths } from '@zw/shared/paths';
import { shareTitle, useShare } from '../../hooks/useShare';

/** States in which a case is still being handled (the BFF's OPEN_STATES). */
const OPEN_STATES = new Set<string>(['submitted', 'transferred', 'accepted', 'in_progress', 'awaiting_supplement']);

const ENTRIES: { page: 'newCase' | 'myCases' | 'caseLookup'; label: string; hint: string; icon: IconName; tone: string }[] = [
  { page: 'newCase', label: '我要留言', hint: '投诉 建议 求助', icon: 'message', tone: '#1456f0' },
  { page: 'myCases', label: '我的诉求', hint: '看办理情况', icon: 'cases', tone: '#0e9f6e' },
  { page: 'caseLookup', label: '查询进度', hint: '凭编号查询', icon: 'progress', tone: '#e8780c' },
];

export default function Home() {
  const [query, setQuery] = useState('');
  const [elderly, setElderly] = useElderly();
  useShare(() => ({ title: shareTitle(), path: pagePaths.home }));

  const items = useRequest(() => api.items({ pageSize: 8 }));
  const departments = useRequest(() => api.departments());
  const policies = useRequest(() => api.policies({ pageSize: 3 }));

  // The citizen's open cases: refreshed whenever the home page shows again (after
  // submitting, say). Needs a login, so it never holds up the page and a failure
  // simply leaves the block out.
  // Answered cases come first as 待评价, with the first line of the reply, so an answer is seen and rated.
  // In a browser that must sign in by SMS the block waits for a sign-in: opening home never sends anyone away.
  const [openCases, setOpenCases] = useState<CaseSummary[]>([]);
  const [toRate, setToRate] = useState<CaseSummary[]>([]);
  const loadOpenCases = async () => {
    if (!(await canActSilently())) return;
    return api
      .myCases({ pageSize: 10 })
      .then((res) => {
        setToRate(res.data.filter((c) => c.awaitingRating).slice(0, 3));
        setOpenCases(res.data.filter((c) => OPEN_STATES.has(c.state)).slice(0, 3));
      })
      .catch(() => {
        setToRate([]);
        setOpenCases([]);
      });
  };
  useDidShow(() => void loadOpenCases());

  usePullDownRefresh(() => {
    const quiet = { quiet: true };
    void Promise.all([items.reload(quiet), departments.reload(quiet), policies.reload(quiet), loadOpenCases()])
      .then(([a, b, c]) => {
        if (!(a && b && c)) void Taro.showToast({ title: '刷新没有成功，请检查网络', icon: 'none' });
      })
      .finally(() => Taro.stopPullDownRefresh());
  });

  const shortNames = new Map<number, string>((departments.data?.data ?? []).map((d) => [d.id, d.shortName]));

  return (
    <Page className="home">
      <View className="home-hero">
        <View className="home-hero__top">
          <View className="home-hero__text">
            <Text className="home-hero__title">清溪县政务服务</Text>
            <Text className="home-hero__intro">查办事指南、看政策解读、给政府留言，少跑腿</Text>
          </View>
          <View className="home-scan" role="button" aria-label="扫一扫" hoverClass="home-scan--active" onClick={() => void go('qr')}>
            <View className="home-scan__icon" style={icon('scan', '#ffffff')} />
            <Text className="home-scan__label">扫一扫</Text>
          </View>
        </View>
        <SearchBox value={query} onChange={setQuery} onSubmit={(q) => void go('search', { q })} />
      </View>

      <View className="home-body">
        <View className="home-entries">
          {ENTRIES.map((e) => (
            <View key={e.page} className="home-entry" role="button" hoverClass="home-entry--active" onClick={() => void go(e.page)}>
              <View className="home-entry__badge" style={{ backgroundColor: e.tone }}>
                <View className="home-entry__icon" style={icon(e.icon, '#ffffff')} />
              </View>
              <Text className="home-entry__label">{e.label}</Text>
              <Text className="home-entry__hint">{e.page === 'myCases' ? myCasesHint(toRate.length, openCases.length) : e.hint}</Text>
            </View>
          ))}
        </View>

        <View className="zw-card home-elderly">
          <View className="home-elderly__text">
            <Text className="home-elderly__label">长辈模式</Text>
            <Text className="zw-muted home-elderly__hint">字更大、按钮更大</Text>
          </View>
          <Toggle className="home-elderly__switch" checked={elderly} label="长辈模式" onChange={setElderly} />
        </View>

        <View className="home-sec">
          <SectionHead title="热门事项" />
          <Block state={items} empty="暂无办事事项" reserve="items">
            {(list: ItemList) => (
              <View className="zw-card home-list">
                {list.data.map((item) => (
                  <View
                    key={item.id}
                    className="home-row"
                    role="button"
                    hoverClass="home-row--active"
                    onClick={() => void go('item', { id: item.id })}
                  >
                    <View className="home-row__main">
                      <Text className="home-row__title">{item.name}</Text>
                      <View className="home-row__meta">
                        <Text className="zw-tag">{visitsLabel(item.visitsNeeded)}</Text>
                        <Text className="zw-muted">
                          {shortNames.get(item.department.id) ?? item.department.name} · {limitLabel(item.promisedLimitDays)}
                        </Text>
                      </View>
                    </View>
                    <View className="home-chevron" style={icon('chevron', '#b0b5bd')} />
                  </View>
                ))}
              </View>
            )}
          </Block>
        </View>

        {/* The citizen's own cases arrive after sign-in and a request: below 热门事项, so nothing above moves when
            they appear (the 我的诉求 entry says at once how many are waiting). */}
        {toRate.length > 0 ? (
          <View className="home-sec home-to-rate">
            <SectionHead title="待评价" more="全部" onMore={() => void go('myCases')} />
            <View className="zw-card home-list">
              {toRate.map((c) => (
                <RateRow key={c.id} c={c} />
              ))}
            </View>
          </View>
        ) : null}

        {openCases.length > 0 ? (
          <View className="home-sec">
            <SectionHead title="我的办理中诉求" more="全部" onMore={() => void go('myCases')} />
            <View className="zw-card home-list">
              {openCases.map((c) => (
                <CaseRow key={c.id} c={c} />
              ))}
            </View>
          </View>
        ) : null}

        <View className="home-sec">
          <SectionHead title="按部门找" />
          <Block state={departments} empty="暂无部门信息" reserve="depts">
            {(d: { data: Department[] }) => (
              <View className="home-depts">
                {d.data.map((dep) => (
                  <View
                    key={dep.id}
                    className="home-dept"
                    role="button"
                    aria-label={dep.name}
                    hoverClass="home-dept--active"
                    onClick={() => void go('search', { department: dep.id, name: dep.shortName })}
                  >
                    <View className="home-dept__name">{dep.shortName}</View>
                  </View>
                ))}
              </View>
            )}
          </Block>
        </View>

        <View className="home-sec">
          <SectionHead title="最新政策解读" />
          <Block state={policies} empty="暂无政策文件" reserve="policies">
            {(list: PolicyList) => (
              <View>
                {list.data.map((p) => (
                  <View
                    key={p.id}
                    className="zw-card home-policy"
                    role="button"
                    hoverClass="home-policy--active"
                    onClick={() => void go('policy', { id: p.id })}
                  >
                    <Text className="home-policy__title">{p.title}</Text>
                    <View className="home-policy__meta">
                      {p.interpretationCount > 0 ? <Text className="zw-tag">有解读</Text> : null}
                      {p.validity !== '有效' ? <Text className="zw-tag home-tag--gray">{p.validity}</Text> : null}
                      <Text className="zw-muted">{p.docNumber}</Text>
                    </View>
                    <Text className="zw-muted home-policy__date">{ymd(p.issuedAt)} 发布</Text>
                  </View>
                ))}
              </View>
            )}
          </Block>
        </View>

        <View className="home-footer">
          <View className="home-footer__line">
            <Text className="home-footer__part">清溪县人民政府 主办</Text>
            <Text className="home-footer__part">清溪县政务服务管理局 承办</Text>
          </View>
          <Text className="home-footer__line">
            政务服务便民热线：
            <Text className="home-footer__phone" onClick={() => void Taro.makePhoneCall({ phoneNumber: '12345' }).catch(() => undefined)}>
              12345
            </Text>
          </Text>
          {/* Staff answer messages in this same mini-program; kept small, citizens rarely need it. */}
          <Text className="home-footer__line home-footer__staff" onClick={() => void go('staffLogin')}>
            工作人员入口
          </Text>
        </View>
      </View>
    </Page>
  );
}

function SectionHead({ title, more, onMore }: { title: string; more?: string; onMore?: () => void }) {
  return (
    <View className="home-sec__head">
      <Text className="zw-h2 home-sec__title">{title}</Text>
      {more && onMore ? (
        <View className="home-sec__more" role="button" onClick={onMore}>
          <Text>{more}</Text>
          <View className="home-sec__more-icon" style={icon('chevron', '#1456f0')} />
        </View>
      ) : null}
    </View>
  );
}

/** The 我的诉求 entry's second line: what is waiting, as soon as it is known, in place (nothing moves). */
function myCasesHint(toRate: number, open: number): string {
  if (toRate > 0) return `${toRate} 件待评价`;
  if (open > 0) return `${open} 件办理中`;
  return '看办理情况';
}

/**
 * One block's own loading, error (重试) and empty states; the rest of the page never waits for it.
 * While loading it holds about the height of what it will show (`reserve`), so blocks below do not jump.
 */
function Block<T extends { data: unknown[] }>({
  state,
  empty,
  reserve,
  isEmpty = (d) => d.data.length === 0,
  children,
}: {
  state: RequestState<T> & { reload: () => Promise<unknown> };
  empty: string;
  reserve: 'items' | 'depts' | 'policies';
  isEmpty?: (data: T) => boolean;
  children: (data: T) => JSX.Element;
}) {
  if (state.status === 'loading')
    return (
      <View className={`zw-card home-state home-state--${reserve}`}>
        <Loading />
      </View>
    );
  if (state.status === 'error')
    return (
      <View className="zw-card home-state">
        <ErrorState message={state.error} onRetry={() => void state.reload()} />
      </View>
    );
  if (isEmpty(state.data))
    return (
      <View className="zw-card home-state">
        <Empty text={empty} />
      </View>
    );
  return children(state.data);
}

/** An answered case waiting for the citizen's rating: what was answered, and one tap to rate. */
function RateRow({ c }: { c: CaseSummary }) {
  return (
    <View
      className="home-row home-rate"
      role="button"
      hoverClass="home-row--active"
      onClick={() => void go('caseDetail', { id: c.id, rate: 1 })}
    >
      <View className="home-row__main">
        <Text className="home-row__title">{c.title}</Text>
        <View className="home-row__meta">
          <Text className="zw-tag home-tag--answered">{c.stateLabel}</Text>
          {c.answeredAt ? <Text className="zw-muted">{chineseDate(c.answeredAt)}答复</Text> : null}
        </View>
        {c.replyExcerpt ? <Text className="home-rate__reply">答复：{c.replyExcerpt}</Text> : null}
        <Text className="home-case__action home-rate__go">去评价</Text>
      </View>
      <View className="home-chevron" style={icon('chevron', '#b0b5bd')} />
    </View>
  );
}

function CaseRow({ c }: { c: CaseSummary }) {
  const waitingForMe = c.state === 'awaiting_supplement';
  const deadline =
    c.deadlineStatus === 'overdue'
      ? { text: '已超过答复期限', cls: 'home-case__due--late' }
      : c.deadlineStatus === 'paused'
        ? { text: '补正期间暂停计时', cls: '' }
        : c.deadlineStatus === 'due_soon'
          ? { text: `${chineseDate(c.dueAt)}前答复（即将到期）`, cls: 'home-case__due--soon' }
          : { text: `${chineseDate(c.dueAt)}前答复`, cls: '' };
  return (
    <View className="home-row" role="button" hoverClass="home-row--active" onClick={() => void go('caseDetail', { id: c.id })}>
      <View className="home-row__main">
        <Text className="home-row__title">{c.title}</Text>
        <View className="home-row__meta">
          <Text className={`zw-tag${waitingForMe ? ' home-tag--warn' : ''}`}>{c.stateLabel}</Text>
          <Text className={`zw-muted ${deadline.cls}`}>{deadline.text}</Text>
        </View>
        {waitingForMe ? <Text className="home-case__action">需要您补充材料，请点开查看</Text> : null}
      </View>
      <View className="home-chevron" style={icon('chevron', '#b0b5bd')} />
    </View>
  );
}
