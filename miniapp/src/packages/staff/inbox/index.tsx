import '../zod';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseList, CaseSummary, InboxCounts, InboxScope } from '@zw/shared';
import Page from '../../../components/Page';
import { Empty, ErrorState, Loading } from '../../../components/PageState';
import BindWechat from '../components/BindWechat';
import CaseCard from '../components/CaseCard';
import ListFoot from '../components/ListFoot';
import StaffHeader from '../components/StaffHeader';
import StaffNav from '../components/StaffNav';
import { usePagedList } from '../../../hooks/usePagedList';
import { useStaffSession } from '../components/useStaffSession';
import { staffApi } from '../services/staff-api';
import { isSupervisor } from '../../../services/staff-session';
import { go } from '../../../services/nav';
import Filters, { noFilters, type FilterValue } from './Filters';
import '../components/staff.css';

const PAGE_SIZE = 10;

/**
 * The department's open cases and the ones this staff member owns, nearest
 * deadline first (the server's order). The numbers on the tabs come from one
 * request (inbox-counts), so both tabs show their count whichever is open.
 * Supervisors have no department: they get every department's cases.
 */
export default function Inbox() {
  const session = useStaffSession();
  const supervisor = session ? isSupervisor(session.user) : false;
  const [scope, setScope] = useState<InboxScope>(supervisor ? 'all' : 'department');
  const [filters, setFilters] = useState<FilterValue>(noFilters);
  const [search, setSearch] = useState('');
  const [searching, setSearching] = useState('');
  const [counts, setCounts] = useState<InboxCounts | null>(null);

  const list = usePagedList<CaseSummary, CaseList>((page) =>
    staffApi.inbox(
      searching
        ? // A search by tracking number looks at every state, in everything this person may see.
          { scope: supervisor ? 'all' : 'department', state: 'all', trackingNo: searching, page, pageSize: PAGE_SIZE }
        : {
            scope,
            state: filters.state,
            type: filters.type || undefined,
            overdue: filters.deadline === 'overdue' ? true : undefined,
            dueSoon: filters.deadline === 'due_soon' ? true : undefined,
            page,
            pageSize: PAGE_SIZE,
          },
    ),
  );

  const loadCounts = useCallback(() => {
    staffApi.counts().then(setCounts, () => undefined);
  }, []);

  // A change of tab, filter or search starts the list again.
  const first = useRef(true);
  useEffect(() => {
    if (!session) return;
    void list.refresh(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scope, filters, searching]);

  // Back from a case: its state may have changed, so refresh quietly (the first show is the effect above).
  useDidShow(() => {
    if (!session) return;
    loadCounts();
    if (first.current) first.current = false;
    else void list.refresh(true);
  });

  usePullDownRefresh(() => {
    loadCounts();
    void list.refresh(true).finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void list.loadMore());

  if (!session) return <Page className="st-page" />;

  const tabs: Array<{ key: InboxScope; label: string; n: number | undefined }> = supervisor
    ? [{ key: 'all', label: '全部部门', n: counts?.all?.open }]
    : [
        { key: 'department', label: '本部门待办', n: counts?.department?.open },
        { key: 'mine', label: '我承办的', n: counts?.mine.open },
      ];
  const scopeCounts = list.last?.counts;

  let body;
  if (list.error) body = <ErrorState message={list.error} onRetry={() => void list.refresh(false)} />;
  else if (!list.items) body = <Loading />;
  else if (list.items.length === 0)
    body = (
      <View className="zw-card st-empty">
        {searching ? (
          <Empty text={`没有找到受理编号为 ${searching} 的诉求`} hint="请核对编号；其他部门办理的诉求在这里查不到。" />
        ) : (
          <Empty
            text={scope === 'mine' ? '您目前没有承办中的诉求' : '没有符合条件的诉求'}
            hint="新诉求到达时会出现在这里，下拉可以刷新。"
          />
        )}
      </View>
    );
  else
    body = (
      <View className="st-list">
        {list.items.map((c) => (
          <CaseCard key={c.id} c={c} showDepartment={supervisor || scope === 'mine'} />
        ))}
        <ListFoot
          shown={list.items.length}
          total={list.total}
          loadingMore={list.loadingMore}
          moreError={list.moreError}
          onMore={() => void list.loadMore()}
        />
      </View>
    );

  return (
    <Page className="st-page st-inbox">
      <StaffHeader
        session={session}
        action={
          <Button className="zw-btn zw-btn--solid st-record-open" onClick={() => void go('staffRecord')}>
            代为登记
          </Button>
        }
      />
      <BindWechat session={session} />

      <View className="zw-tabs" role="tablist">
        {tabs.map((t) => (
          <View
            key={t.key}
            className={`st-tab st-tab--${t.key}${scope === t.key && !searching ? ' zw-tab--on' : ''}`}
            role="tab"
            aria-selected={scope === t.key}
            onClick={() => {
              setSearching('');
              setSearch('');
              setScope(t.key);
            }}
          >
            <Text>{t.label}</Text>
            <Text className="st-tab__count" data-count={t.n ?? ''}>
              {t.n === undefined ? '…' : t.n}
            </Text>
          </View>
        ))}
      </View>

      {scopeCounts && !searching ? (
        <View className="st-summary">
          <View className="st-summary__item">
            <Text className="st-summary__n">{scopeCounts.open}</Text>
            <Text className="st-summary__k">未办结</Text>
          </View>
          <View className="st-summary__item st-summary__item--soon">
            <Text className="st-summary__n">{scopeCounts.dueSoon}</Text>
            <Text className="st-summary__k">临期</Text>
          </View>
          <View className="st-summary__item st-summary__item--overdue">
            <Text className="st-summary__n st-overdue-count">{scopeCounts.overdue}</Text>
            <Text className="st-summary__k">已超期</Text>
          </View>
        </View>
      ) : null}

      <View className="zw-card">
        <View className="zw-search">
          <Input
            className="zw-input st-search-input"
            value={search}
            maxlength={24}
            placeholder="输入受理编号查找"
            confirmType="search"
            onInput={(e) => setSearch(e.detail.value.toUpperCase())}
            onConfirm={() => setSearching(search.trim())}
          />
          <Button className="zw-btn zw-btn--solid st-search-go" onClick={() => setSearching(search.trim())}>
            查找
          </Button>
        </View>
        {searching ? (
          <View className="st-filters__toggle">
            <Text>{`查找结果：${searching}`}</Text>
            <View
              role="button"
              onClick={() => {
                setSearching('');
                setSearch('');
              }}
            >
              清除 ✕
            </View>
          </View>
        ) : (
          <Filters value={filters} onChange={setFilters} />
        )}
      </View>

      {body}
      <StaffNav session={session} active="inbox" />
    </Page>
  );
}
