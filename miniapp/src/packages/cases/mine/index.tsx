import { pagePaths } from '@zw/shared/paths';
import '../zod';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useCallback, useRef, useState } from 'react';
import { caseStateLabels, formatTrackingNo, type CaseSummary } from '@zw/shared';
import Page from '../../../components/Page';
import { Empty, ErrorState, Loading } from '../../../components/PageState';
import { useElderly } from '../../../hooks/useElderly';
import { api } from '../../../services/api';
import { go } from '../../../services/nav';
import { DueBadge, StateTag, Toggle } from '../../../components/kit';
import '../components/cases.css';
import { errorText, fmtDate } from '../format';
import '../components/cases.css';
import { shareTitle, useShare } from '../../../hooks/useShare';

const PAGE_SIZE = 10;

type List = { items: CaseSummary[]; page: number; total: number };

function Row({ c }: { c: CaseSummary }) {
  return (
    <View className="zw-card case-item" hoverClass="case-item--hover" role="link" onClick={() => void go('caseDetail', { id: c.id })}>
      <View className="case-item__top">
        <View>
          <Text className="zw-tag">{c.type}</Text>
          {c.anonymous ? <Text className="zw-tag">匿名</Text> : null}
        </View>
        <StateTag state={c.state} label={caseStateLabels[c.state] ?? c.stateLabel} />
      </View>
      <Text className="case-item__title">{c.title}</Text>
      {c.awaitingRating ? (
        <View className="case-item__rate">
          <Text className="zw-tag case-tag--rate">待评价</Text>
          {c.replyExcerpt ? <Text className="case-item__reply">答复：{c.replyExcerpt}</Text> : null}
        </View>
      ) : null}
      <View className="case-item__meta">
        <Text className="case-item__meta-k">提交日期</Text>
        <Text>{fmtDate(c.receivedAt)}</Text>
      </View>
      <View className="case-item__meta">
        <Text className="case-item__meta-k">办理期限</Text>
        <Text>{fmtDate(c.dueAt)}</Text>
        <DueBadge audience="citizen" status={c.deadlineStatus} />
      </View>
      <View className="case-item__more">
        <Text>{`受理编号 ${formatTrackingNo(c.trackingNo)}`}</Text>
        <Text className="case-item__go">查看详情 ›</Text>
      </View>
    </View>
  );
}

export default function MyCases() {
  // Opens the recipient's own list, never this citizen's.
  useShare(() => ({ title: shareTitle('查看我的诉求办理情况'), path: pagePaths.myCases }));
  const [elderly, setElderly] = useElderly();
  const [list, setList] = useState<List | null>(null);
  const [error, setError] = useState('');
  const [moreError, setMoreError] = useState('');
  const [loadingMore, setLoadingMore] = useState(false);
  const seq = useRef(0);
  const shown = useRef(false);

  /** Page 1 again; `quiet` keeps the old list on screen while it loads. */
  const refresh = useCallback(async (quiet: boolean) => {
    const mine = ++seq.current;
    if (!quiet) {
      setList(null);
      setError('');
    }
    try {
      const res = await api.myCases({ page: 1, pageSize: PAGE_SIZE });
      if (mine !== seq.current) return;
      setList({ items: res.data, page: 1, total: res.total });
      setError('');
      setMoreError('');
    } catch (err) {
      if (mine !== seq.current) return;
      if (quiet) void Taro.showToast({ title: errorText(err, '刷新没有成功'), icon: 'none' });
      else setError(errorText(err, '加载失败，请稍后再试'));
    }
  }, []);

  // Every time the page shows: the first time a full load, afterwards (back from a detail) a quiet refresh.
  useDidShow(() => {
    void refresh(shown.current);
    shown.current = true;
  });

  usePullDownRefresh(() => {
    void refresh(true).finally(() => Taro.stopPullDownRefresh());
  });

  const loadMore = useCallback(async () => {
    if (!list || loadingMore || list.items.length >= list.total) return;
    const mine = seq.current;
    setLoadingMore(true);
    setMoreError('');
    try {
      const res = await api.myCases({ page: list.page + 1, pageSize: PAGE_SIZE });
      if (mine !== seq.current) return;
      setList((l) => {
        if (!l) return l;
        const seen = new Set(l.items.map((c) => c.id));
        return { items: [...l.items, ...res.data.filter((c) => !seen.has(c.id))], page: res.page, total: res.total };
      });
    } catch (err) {
      setMoreError(errorText(err, '加载失败'));
    } finally {
      setLoadingMore(false);
    }
  }, [list, loadingMore]);

  useReachBottom(() => {
    void loadMore();
  });

  let body;
  if (error) body = <ErrorState message={error} onRetry={() => void refresh(false)} />;
  else if (!list) body = <Loading />;
  else if (list.items.length === 0)
    body = (
      <View className="zw-card case-empty">
        <Empty text="您还没有提交过诉求" hint="遇到办事难、服务不满意，或有意见建议，都可以在这里留言，我们会按期答复。" />
        <Button className="zw-button" onClick={() => void go('newCase')}>
          我要留言
        </Button>
        <Button className="zw-button zw-button--ghost" onClick={() => void go('caseLookup')}>
          凭受理编号和查询码查询
        </Button>
      </View>
    );
  else
    body = (
      <View className="case-list">
        <View className="case-list-head">
          <Button className="zw-button" onClick={() => void go('newCase')}>
            我要留言
          </Button>
          <Button className="zw-button zw-button--ghost" onClick={() => void go('caseLookup')}>
            凭编号查询
          </Button>
        </View>
        <Text className="zw-muted case-count">{`共 ${list.total} 条，按提交时间从新到旧排列`}</Text>
        <View className="zw-gap" />
        {list.items.map((c) => (
          <Row key={c.id} c={c} />
        ))}
        {moreError ? (
          <View className="zw-list-foot">
            <Text>{moreError}</Text>
            <Button className="zw-btn" onClick={() => void loadMore()}>
              重试
            </Button>
          </View>
        ) : list.items.length < list.total ? (
          <View className="zw-list-foot" role="button" onClick={() => void loadMore()}>
            <Text>{loadingMore ? '正在加载…' : '上滑加载更多'}</Text>
          </View>
        ) : (
          <Text className="zw-list-foot">没有更多了</Text>
        )}
      </View>
    );

  return (
    <Page className="case-page case-mine">
      {body}
      <View className="zw-card case-settings">
        <View className="case-switch-row">
          <View className="case-switch-row__text">
            <Text className="case-switch-row__label">长辈模式</Text>
            <Text className="zw-muted">字更大，按钮更大，看得更清楚</Text>
          </View>
          <Toggle className="case-elderly" checked={elderly} label="长辈模式" onChange={setElderly} />
        </View>
      </View>
    </Page>
  );
}
