import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchScope } from '@zw/shared';
import Page from '../../components/Page';
import { Empty, ErrorState, Loading } from '../../components/PageState';
import { api } from '../../services/api';
import { go, idParam } from '../../services/nav';
import { decodeParam } from '../index/format';
import SearchBox from '../index/SearchBox';
import ResultCard, { type ResultRow } from './ResultCard';
import './index.css';
import { pagePaths } from '@zw/shared/paths';
import { shareTitle, useShare } from '../../hooks/useShare';

const PAGE_SIZE = 20;

const SCOPES: { value: SearchScope; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'item', label: '办事指南' },
  { value: 'policy', label: '政策文件' },
];

/** Words people search for most; one tap runs the search. */
const SUGGESTIONS = ['社保卡', '户口', '身份证', '医保', '养老金', '公积金', '营业执照', '低保'];

type Query = { kind: 'search'; q: string; scope: SearchScope } | { kind: 'department'; id: number; name: string } | { kind: 'idle' };

interface ListState {
  status: 'loading' | 'error' | 'done';
  rows: ResultRow[];
  page: number;
  total: number;
  relaxed: boolean;
  error: string;
  /** Loading the next page (on scroll) — separate from the first page. */
  more: 'idle' | 'loading' | 'error';
}

const fresh: ListState = { status: 'loading', rows: [], page: 0, total: 0, relaxed: false, error: '', more: 'idle' };

function queryFromParams(params: Record<string, string | undefined>): Query {
  const q = decodeParam(params.q).trim();
  const type = decodeParam(params.type);
  if (q) return { kind: 'search', q, scope: type === 'item' || type === 'policy' ? type : 'all' };
  const department = idParam(params.department);
  if (department) return { kind: 'department', id: department, name: decodeParam(params.name).trim() };
  return { kind: 'idle' };
}

async function fetchPage(query: Query, page: number): Promise<{ rows: ResultRow[]; total: number; relaxed: boolean }> {
  if (query.kind === 'search') {
    const res = await api.search({ q: query.q, type: query.scope, page, pageSize: PAGE_SIZE });
    return {
      total: res.total,
      relaxed: res.relaxed,
      rows: res.data.map((h) => ({
        key: `${h.type}-${h.id}`,
        type: h.type,
        id: h.id,
        title: h.title,
        snippet: h.snippet,
        source: h.source,
        updatedAt: h.updatedAt,
      })),
    };
  }
  if (query.kind === 'department') {
    const res = await api.items({ department: query.id, page, pageSize: PAGE_SIZE });
    return {
      total: res.total,
      relaxed: false,
      rows: res.data.map((i) => ({
        key: `item-${i.id}`,
        type: 'item',
        id: i.id,
        title: i.name,
        snippet: i.summary,
        source: i.department.name,
        updatedAt: i.updatedAt,
      })),
    };
  }
  return { rows: [], total: 0, relaxed: false };
}

const departmentTitle = (name: string) => `${name || '该部门'}的办事事项`;

export default function SearchPage() {
  const router = useRouter();
  const [query, setQuery] = useState<Query>(() => queryFromParams(router.params));
  const [text, setText] = useState(query.kind === 'search' ? query.q : '');
  const [list, setList] = useState<ListState>(fresh);

  // Latest values for the page-event callbacks (reach bottom, pull down).
  const listRef = useRef(list);
  listRef.current = list;
  const queryRef = useRef(query);
  queryRef.current = query;
  const seq = useRef(0);
  const firstQuery = useRef(true);

  const load = useCallback(async (q: Query, page: number, how: 'first' | 'more' | 'refresh') => {
    if (q.kind === 'idle') return;
    const mine = how === 'more' ? seq.current : ++seq.current;
    if (how === 'first') setList(fresh);
    if (how === 'more') setList((s) => ({ ...s, more: 'loading' }));
    try {
      const res = await fetchPage(q, page);
      if (mine !== seq.current) return;
      setList((s) => {
        const before = how === 'more' ? s.rows : [];
        const seen = new Set(before.map((r) => r.key));
        return {
          status: 'done',
          rows: before.concat(res.rows.filter((r) => !seen.has(r.key))),
          page,
          total: res.total,
          relaxed: res.relaxed,
          error: '',
          more: 'idle',
        };
      });
    } catch (err) {
      if (mine !== seq.current) return;
      const message = err instanceof Error && err.message ? err.message : '加载失败，请稍后再试';
      if (how === 'first') setList({ ...fresh, status: 'error', error: message });
      else if (how === 'more') setList((s) => ({ ...s, more: 'error' }));
      else void Taro.showToast({ title: message, icon: 'none' }); // a failed refresh keeps what is on screen
    }
  }, []);

  useShare(() =>
    query.kind === 'search'
      ? { title: shareTitle(`搜索“${query.q}”`), path: `${pagePaths.search}?q=${encodeURIComponent(query.q)}` }
      : query.kind === 'department'
        ? {
            title: shareTitle(departmentTitle(query.name)),
            path: `${pagePaths.search}?department=${query.id}&name=${encodeURIComponent(query.name)}`,
          }
        : { title: shareTitle(), path: pagePaths.search },
  );

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: query.kind === 'department' ? departmentTitle(query.name) : '搜索' });
    if (!firstQuery.current) void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
    firstQuery.current = false;
    void load(query, 1, 'first');
  }, [query, load]);

  const hasMore = list.status === 'done' && list.page * PAGE_SIZE < list.total;

  const loadMore = useCallback(() => {
    const s = listRef.current;
    if (s.status !== 'done' || s.more === 'loading' || s.page * PAGE_SIZE >= s.total) return;
    void load(queryRef.current, s.page + 1, 'more');
  }, [load]);

  useReachBottom(loadMore);

  usePullDownRefresh(() => {
    const q = queryRef.current;
    const how = listRef.current.status === 'done' ? 'refresh' : 'first';
    void load(q, 1, how).finally(() => Taro.stopPullDownRefresh());
  });

  const search = (q: string) => setQuery((cur) => ({ kind: 'search', q, scope: cur.kind === 'search' ? cur.scope : 'all' }));

  const pick = (word: string) => {
    setText(word);
    search(word);
  };

  const open = (row: ResultRow) => void go(row.type === 'item' ? 'item' : 'policy', { id: row.id });

  return (
    <Page className="srch">
      <View className="srch-bar">
        <SearchBox value={text} onChange={setText} onSubmit={search} focus={query.kind === 'idle'} />
        {query.kind === 'search' ? (
          <View className="srch-tabs" role="tablist">
            {SCOPES.map((s) => (
              <View
                key={s.value}
                role="tab"
                aria-selected={query.scope === s.value}
                className={`srch-tab${query.scope === s.value ? ' srch-tab--on' : ''}`}
                onClick={() => query.scope !== s.value && setQuery({ ...query, scope: s.value })}
              >
                {s.label}
              </View>
            ))}
          </View>
        ) : null}
      </View>

      {query.kind === 'idle' ? (
        <View>
          <Text className="zw-muted srch-tip">可以输入事项名称、平时的叫法，或拼音首字母（如 sfz 查身份证）</Text>
          <Suggestions title="大家都在搜" onPick={pick} />
        </View>
      ) : (
        <View className="srch-results">
          {query.kind === 'department' ? (
            <View className="srch-head">
              <Text className="zw-title srch-head__title">{departmentTitle(query.name)}</Text>
              {list.status === 'done' && list.total > 0 ? (
                <Text className="zw-muted srch-head__count">共 {list.total} 项，点开可查看办理材料和流程</Text>
              ) : null}
            </View>
          ) : list.status === 'done' && list.total > 0 ? (
            <Text className="zw-muted srch-count">找到 {list.total} 条相关内容</Text>
          ) : null}

          {list.status === 'loading' ? <Loading text="正在查找…" /> : null}
          {list.status === 'error' ? <ErrorState message={list.error} onRetry={() => void load(query, 1, 'first')} /> : null}

          {list.status === 'done' && list.rows.length === 0 ? (
            query.kind === 'search' ? (
              <View>
                <Empty text={`没有找到“${query.q}”的相关内容`} hint="试试：换个说法（如“社保卡”“户口”），或使用拼音首字母（如 sfz）" />
                <Suggestions title="您可以试试" onPick={pick} />
              </View>
            ) : (
              <Empty text="这个部门暂时没有可以查看的办事事项" hint="可以回到首页搜索，或拨打 12345 咨询" />
            )
          ) : null}

          {list.status === 'done' && list.rows.length > 0 ? (
            <View>
              {list.relaxed ? (
                <View className="srch-relaxed" role="note">
                  <Text>没有完全匹配的结果，以下是部分相关内容</Text>
                </View>
              ) : null}
              {list.rows.map((row) => (
                <ResultCard key={row.key} row={row} onOpen={open} />
              ))}
              <View className="srch-foot">
                {list.more === 'loading' ? (
                  <Text className="zw-muted">正在加载更多…</Text>
                ) : list.more === 'error' ? (
                  <View className="srch-foot__btn" role="button" onClick={loadMore}>
                    加载失败，点此重试
                  </View>
                ) : hasMore ? (
                  <View className="srch-foot__btn" role="button" onClick={loadMore}>
                    上拉或点此加载更多
                  </View>
                ) : (
                  <Text className="zw-muted">已经到底了</Text>
                )}
              </View>
            </View>
          ) : null}
        </View>
      )}
    </Page>
  );
}

function Suggestions({ title, onPick }: { title: string; onPick: (word: string) => void }) {
  return (
    <View className="srch-suggest">
      <Text className="zw-h2 srch-suggest__title">{title}</Text>
      <View className="srch-suggest__list">
        {SUGGESTIONS.map((w) => (
          <View key={w} className="srch-chip" role="button" hoverClass="srch-chip--active" onClick={() => onPick(w)}>
            {w}
          </View>
        ))}
      </View>
    </View>
  );
}
