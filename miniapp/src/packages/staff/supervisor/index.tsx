import '../zod';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { localDate, type CaseList, type CaseSummary, type InboxCounts, type StaffStats } from '@zw/shared';
import Page from '../../../components/Page';
import { Empty, ErrorState, Loading } from '../../../components/PageState';
import CaseCard from '../components/CaseCard';
import { BarList } from '../components/charts';
import ListFoot from '../components/ListFoot';
import StaffHeader from '../components/StaffHeader';
import StaffNav from '../components/StaffNav';
import { SectionTitle } from '../components/ui';
import { usePagedList } from '../../../hooks/usePagedList';
import { useStaffSession } from '../components/useStaffSession';
import { staffApi } from '../services/staff-api';
import { issue11Api, type FollowUp, type FollowUpPage } from '../services/issue11';
import ChaseInline from './ChaseInline';
import FollowUpCard from './FollowUpCard';
import '../components/staff.css';

type Tab = 'overdue' | 'due_soon' | 'follow_ups';
const PAGE_SIZE = 10;

/** Overdue now per department, largest first: where to chase first. */
function DepartmentOverdue({ stats }: { stats: StaffStats | null }) {
  if (!stats) return null;
  const rows = stats.departments
    .filter((d) => d.overdueNow > 0)
    .sort((a, b) => b.overdueNow - a.overdueNow)
    .map((d) => ({ key: String(d.departmentId), label: d.departmentName.replace(/^清溪县/, ''), value: d.overdueNow, color: '#d83931' }));
  return (
    <View className="zw-card">
      <SectionTitle extra="按部门">当前超期件数</SectionTitle>
      <BarList id="chart-dept-overdue" rows={rows} empty="目前各部门都没有超期诉求" />
    </View>
  );
}

/**
 * 督办: overdue and at-risk (临期) cases across departments, nearest deadline
 * first, chased from the list; and the follow-ups (回访) that bad ratings opened.
 */
export default function Supervisor() {
  const session = useStaffSession();
  const [tab, setTab] = useState<Tab>('overdue');
  const [counts, setCounts] = useState<InboxCounts | null>(null);
  const [stats, setStats] = useState<StaffStats | null>(null);
  const [openFollowUps, setOpenFollowUps] = useState<number | null>(null);

  const cases = usePagedList<CaseSummary, CaseList>((page) =>
    staffApi.inbox({
      scope: 'all',
      overdue: tab === 'overdue' ? true : undefined,
      dueSoon: tab === 'due_soon' ? true : undefined,
      page,
      pageSize: PAGE_SIZE,
    }),
  );
  // Open ones, nearest 回访 deadline first (the server's order); overdue ones are marked on the card.
  const followUps = usePagedList<FollowUp, FollowUpPage>((page) => issue11Api.followUps({ status: 'open', page, pageSize: PAGE_SIZE }));

  const loadSummary = useCallback(() => {
    staffApi.counts().then(setCounts, () => undefined);
    const today = localDate(new Date().toISOString());
    staffApi.stats({ from: today, to: today }).then(setStats, () => undefined);
    staffApi.followUps({ status: 'open', pageSize: 1 }).then(
      (r) => setOpenFollowUps(r.total),
      () => undefined,
    );
  }, []);

  const current = tab === 'follow_ups' ? followUps : cases;
  const first = useRef(true);
  useEffect(() => {
    if (session) void current.refresh(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tab]);
  useDidShow(() => {
    if (!session) return;
    loadSummary();
    if (first.current) first.current = false;
    else void current.refresh(true);
  });
  usePullDownRefresh(() => {
    loadSummary();
    void current.refresh(true).finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void current.loadMore());

  if (!session) return <Page className="st-page" />;

  const all = counts?.all;
  const tabs: Array<{ key: Tab; label: string; n: number | undefined }> = [
    { key: 'overdue', label: '已超期', n: all?.overdue },
    { key: 'due_soon', label: '临期', n: all?.dueSoon },
    { key: 'follow_ups', label: '差评回访', n: openFollowUps ?? undefined },
  ];

  let body;
  if (current.error) body = <ErrorState message={current.error} onRetry={() => void current.refresh(false)} />;
  else if (tab === 'follow_ups') {
    body = !followUps.items ? (
      <Loading />
    ) : followUps.items.length === 0 ? (
      <View className="zw-card">
        <Empty text="没有待回访的差评" hint="群众给出“不满意”或“非常不满意”后，会在这里生成回访任务。" />
      </View>
    ) : (
      <View>
        {followUps.items.map((f) => (
          <FollowUpCard
            key={f.id}
            f={f}
            me={session.user}
            onChange={(next) => {
              followUps.replace(next);
              if (f.status === 'open' && next.status === 'done') setOpenFollowUps((n) => (n === null ? n : Math.max(0, n - 1)));
            }}
          />
        ))}
        <ListFoot
          shown={followUps.items.length}
          total={followUps.total}
          loadingMore={followUps.loadingMore}
          moreError={followUps.moreError}
          onMore={() => void followUps.loadMore()}
        />
      </View>
    );
  } else {
    body = !cases.items ? (
      <Loading />
    ) : cases.items.length === 0 ? (
      <View className="zw-card">
        <Empty text={tab === 'overdue' ? '目前没有超期诉求' : '目前没有临期诉求'} hint="下拉可以刷新。" />
      </View>
    ) : (
      <View>
        {cases.items.map((c) => (
          <CaseCard
            key={c.id}
            c={c}
            showDepartment
            extra={<ChaseInline c={c} onChased={(chaseCount) => cases.replace({ ...c, chaseCount })} />}
          />
        ))}
        <ListFoot
          shown={cases.items.length}
          total={cases.total}
          loadingMore={cases.loadingMore}
          moreError={cases.moreError}
          onMore={() => void cases.loadMore()}
        />
      </View>
    );
  }

  return (
    <Page className="st-page st-supervisor">
      <StaffHeader session={session} title="督办" />
      <View className="st-summary">
        <View className="st-summary__item">
          <Text className="st-summary__n">{all?.open ?? '…'}</Text>
          <Text className="st-summary__k">全县未办结</Text>
        </View>
        <View className="st-summary__item st-summary__item--soon">
          <Text className="st-summary__n">{all?.dueSoon ?? '…'}</Text>
          <Text className="st-summary__k">临期</Text>
        </View>
        <View className="st-summary__item st-summary__item--overdue">
          <Text className="st-summary__n st-overdue-count">{all?.overdue ?? '…'}</Text>
          <Text className="st-summary__k">已超期</Text>
        </View>
      </View>
      <View className="zw-tabs" role="tablist">
        {tabs.map((t) => (
          <View
            key={t.key}
            className={`st-tab st-tab--${t.key}${tab === t.key ? ' zw-tab--on' : ''}`}
            role="tab"
            aria-selected={tab === t.key}
            onClick={() => setTab(t.key)}
          >
            <Text>{t.label}</Text>
            <Text className="st-tab__count">{t.n ?? '…'}</Text>
          </View>
        ))}
      </View>
      {tab === 'overdue' ? <DepartmentOverdue stats={stats} /> : null}
      {body}
      <StaffNav session={session} active="supervisor" />
    </Page>
  );
}
