import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { EditorPolicyList } from '@zw/shared';
import { pagePaths } from '@zw/shared/paths';
import { Empty } from '../../../components/PageState';
import type { PagedList } from '../../../hooks/usePagedList';
import { StatusBadge } from '../components/ui';
import { fmtDateTime } from '../text';

type Row = EditorPolicyList['data'][number];

/** 政策文件 in the content list: 文号, status, title, 发文机关 and how many interpretations it has. */
export default function PolicyRows({ list, q }: { list: PagedList<Row, EditorPolicyList>; q: string }) {
  const items = list.items ?? [];
  if (items.length === 0)
    return (
      <View className="zw-card">
        <Empty text={q ? `没有标题或文号包含“${q}”的政策文件` : '这里还没有政策文件'} hint="可以点上方“新建政策文件”添加。" />
      </View>
    );
  return (
    <View>
      {items.map((r) => (
        <View
          key={r.id}
          className="ed-card ed-policy"
          role="link"
          data-id={r.id}
          data-doc={r.docNumber}
          onClick={() => void Taro.navigateTo({ url: `${pagePaths.editorPolicy}?id=${r.id}` })}
        >
          <View className="ed-card__top">
            <Text className="ed-card__code">{r.docNumber}</Text>
            <View>
              <StatusBadge status={r.status} />
              <Text className="ed-interp-count">{r.interpretationCount ? `解读 ${r.interpretationCount}` : '无解读'}</Text>
            </View>
          </View>
          <Text className="ed-card__title">{r.title}</Text>
          <Text className="zw-muted">{`${r.issuer || '（未填发文机关）'} · 第 ${r.version} 版 · ${r.reviewedAt ? `核对于 ${fmtDateTime(r.reviewedAt).slice(0, 10)}` : '未核对'} · 更新 ${fmtDateTime(r.updatedAt)}`}</Text>
        </View>
      ))}
      {list.moreError ? (
        <View className="ed-list-foot" role="button" onClick={() => void list.loadMore()}>
          {`${list.moreError}，点此重试`}
        </View>
      ) : items.length < list.total ? (
        <View className="ed-list-foot" role="button" onClick={() => void list.loadMore()}>
          {list.loadingMore ? '正在加载…' : `已显示 ${items.length} / ${list.total} 份，上滑加载更多`}
        </View>
      ) : (
        <Text className="ed-list-foot">{`共 ${list.total} 份，已全部显示`}</Text>
      )}
    </View>
  );
}
