import '../zod';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import type { EditorItemList, EditorPolicyList, StaleReport } from '@zw/shared';
import { pagePaths } from '@zw/shared/paths';
import Page from '../../../components/Page';
import { Empty, ErrorState, Loading } from '../../../components/PageState';
import { EditorHeader, NoAccess, StatusBadge } from '../components/ui';
import { usePagedList } from '../../../hooks/usePagedList';
import { useEditorSession } from '../components/useEditorSession';
import { editorApi, policyApi } from '../services/editor-api';
import { errorText, fmtDateTime } from '../text';
import PolicyRows from './PolicyRows';
import StaleList from './StaleList';
import '../components/editor.css';

type Tab = 'all' | 'draft' | 'published' | 'policies' | 'stale';
const tabs: Array<{ key: Tab; label: string }> = [
  { key: 'all', label: '全部' },
  { key: 'draft', label: '草稿' },
  { key: 'published', label: '已发布' },
  { key: 'policies', label: '政策文件' },
  { key: 'stale', label: '过期未核' },
];
const PAGE_SIZE = 15;

type Row = EditorItemList['data'][number];

/**
 * 内容列表: every guide, drafts included, by 事项编码. Search by name or code;
 * 待完善 says how many problems still stop a guide from being published.
 * 政策文件 lists policy documents (search by title or 文号), each opening its
 * own editing page with its interpretations.
 * 过期未核 is the stale report, with the threshold the editor picks.
 */
export default function EditorList() {
  const { session, allowed } = useEditorSession();
  const [tab, setTab] = useState<Tab>('all');
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [days, setDays] = useState<number | undefined>(undefined);
  const [stale, setStale] = useState<{ report: StaleReport | null; error: string }>({ report: null, error: '' });
  // The county's own threshold, learnt from the first report asked without `days`.
  const [settingDays, setSettingDays] = useState<number | null>(null);
  const [departments, setDepartments] = useState<Record<number, string>>({});

  const list = usePagedList<Row, EditorItemList>((page) =>
    editorApi.items({ q: q || undefined, status: tab === 'draft' || tab === 'published' ? tab : undefined, page, pageSize: PAGE_SIZE }),
  );
  const policies = usePagedList<EditorPolicyList['data'][number], EditorPolicyList>((page) =>
    policyApi.list({ q: q || undefined, page, pageSize: PAGE_SIZE }),
  );
  const loadStale = async (quiet: boolean) => {
    if (!quiet) setStale({ report: null, error: '' });
    try {
      const report = await editorApi.stale({ days });
      if (report.thresholdSource === 'setting') setSettingDays(report.thresholdDays);
      setStale({ report, error: '' });
    } catch (err) {
      setStale((s) => ({ report: quiet ? s.report : null, error: errorText(err, '加载失败，请稍后再试') }));
    }
  };
  const reload = (quiet: boolean) =>
    tab === 'stale' ? loadStale(quiet) : tab === 'policies' ? policies.refresh(quiet) : list.refresh(quiet);

  const first = useRef(true);
  useEffect(() => {
    if (!allowed) return;
    editorApi.departments().then(
      (r) => setDepartments(Object.fromEntries(r.data.map((d) => [d.id, d.shortName || d.name]))),
      () => undefined,
    );
  }, [allowed]);
  useEffect(() => {
    if (!allowed) return;
    void reload(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tab, q, days, allowed]);
  // Back from the editor: statuses and counts may have changed.
  useDidShow(() => {
    if (!allowed) return;
    if (first.current) first.current = false;
    else void reload(true);
  });
  usePullDownRefresh(() => void reload(true).finally(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => {
    if (tab === 'policies') void policies.loadMore();
    else if (tab !== 'stale') void list.loadMore();
  });

  if (!session) return <Page className="ed-page" />;
  if (!allowed)
    return (
      <Page className="ed-page">
        <View className="ed-wrap">
          <NoAccess session={session} />
        </View>
      </Page>
    );

  let body;
  if (tab === 'stale') {
    if (stale.error) body = <ErrorState message={stale.error} onRetry={() => void loadStale(false)} />;
    else if (!stale.report) body = <Loading />;
    else body = <StaleList report={stale.report} days={days} settingDays={settingDays} onDays={setDays} />;
  } else if (tab === 'policies') {
    if (policies.error) body = <ErrorState message={policies.error} onRetry={() => void policies.refresh(false)} />;
    else if (!policies.items) body = <Loading />;
    else body = <PolicyRows list={policies} q={q} />;
  } else if (list.error) body = <ErrorState message={list.error} onRetry={() => void list.refresh(false)} />;
  else if (!list.items) body = <Loading />;
  else if (list.items.length === 0)
    body = (
      <View className="zw-card">
        <Empty text={q ? `没有名称或编码包含“${q}”的事项` : '这里还没有事项'} hint="可以点上方“新建事项”添加。" />
      </View>
    );
  else
    body = (
      <View>
        {list.items.map((r) => (
          <View
            key={r.id}
            className="ed-card ed-item"
            role="link"
            data-id={r.id}
            data-code={r.code}
            onClick={() => void Taro.navigateTo({ url: `${pagePaths.editorEdit}?id=${r.id}` })}
          >
            <View className="ed-card__top">
              <Text className="ed-card__code">{r.code}</Text>
              <View>
                <StatusBadge status={r.status} />
                {r.problemCount > 0 ? <Text className="ed-todo">{`待完善 ${r.problemCount}`}</Text> : null}
              </View>
            </View>
            <Text className="ed-card__title">{r.name}</Text>
            <Text className="zw-muted">{`${departments[r.departmentId] ?? ''}${departments[r.departmentId] ? ' · ' : ''}${r.itemType} · 第 ${r.version} 版 · ${r.reviewedAt ? `核对于 ${fmtDateTime(r.reviewedAt).slice(0, 10)}` : '未核对'} · 更新 ${fmtDateTime(r.updatedAt)}`}</Text>
          </View>
        ))}
        {list.moreError ? (
          <View className="ed-list-foot" role="button" onClick={() => void list.loadMore()}>
            {`${list.moreError}，点此重试`}
          </View>
        ) : list.items.length < list.total ? (
          <View className="ed-list-foot" role="button" onClick={() => void list.loadMore()}>
            {list.loadingMore ? '正在加载…' : `已显示 ${list.items.length} / ${list.total} 项，上滑加载更多`}
          </View>
        ) : (
          <Text className="ed-list-foot">{`共 ${list.total} 项，已全部显示`}</Text>
        )}
      </View>
    );

  return (
    <Page className="ed-page ed-list">
      <View className="ed-wrap">
        <EditorHeader session={session} title="政务公开内容" />
        <View className="zw-tabs" role="tablist">
          {tabs.map((t) => (
            <View
              key={t.key}
              className={`ed-tab ed-tab--${t.key}${tab === t.key ? ' zw-tab--on' : ''}`}
              role="tab"
              aria-selected={tab === t.key}
              onClick={() => setTab(t.key)}
            >
              {t.label}
            </View>
          ))}
        </View>
        {tab === 'stale' ? null : (
          <View className="zw-card">
            <View className="zw-search">
              <Input
                className="zw-input ed-search-input"
                value={search}
                maxlength={50}
                placeholder={tab === 'policies' ? '按文件标题或文号查找' : '按事项名称或编码查找'}
                confirmType="search"
                onInput={(e) => setSearch(e.detail.value)}
                onConfirm={() => setQ(search.trim())}
              />
              <Button className="zw-btn zw-btn--solid ed-search-go" onClick={() => setQ(search.trim())}>
                查找
              </Button>
            </View>
            <View className="ed-links" style={{ marginTop: '0.6em' }}>
              {tab === 'policies' ? (
                <Button className="zw-btn ed-new-policy" onClick={() => void Taro.navigateTo({ url: `${pagePaths.editorPolicy}?new=1` })}>
                  ＋ 新建政策文件
                </Button>
              ) : (
                <Button className="zw-btn ed-new" onClick={() => void Taro.navigateTo({ url: `${pagePaths.editorEdit}?new=1` })}>
                  ＋ 新建事项
                </Button>
              )}
              <Button className="zw-btn" onClick={() => void Taro.navigateTo({ url: pagePaths.editorPrint })}>
                打印与二维码
              </Button>
              {q ? (
                <Button
                  className="zw-btn"
                  onClick={() => {
                    setQ('');
                    setSearch('');
                  }}
                >
                  清除查找
                </Button>
              ) : null}
            </View>
          </View>
        )}
        {body}
      </View>
    </Page>
  );
}
