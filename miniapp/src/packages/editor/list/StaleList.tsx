import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { StaleReport } from '@zw/shared';
import { pagePaths } from '@zw/shared/paths';
import { Empty } from '../../../components/PageState';
import { Chip } from '../../../components/kit';
import '../components/editor.css';
import { fmtDateTime } from '../text';

/** Thresholds an editor can pick; `undefined` is the county's own setting. */
const choices: Array<number | undefined> = [undefined, 30, 90, 180, 365];

/**
 * 过期未核: guides and policies nobody has checked for longer than the
 * threshold, longest first (the server's order); each opens its editing page.
 */
export default function StaleList({
  report,
  days,
  settingDays,
  onDays,
}: {
  report: StaleReport;
  days: number | undefined;
  settingDays: number | null;
  onDays: (d: number | undefined) => void;
}) {
  return (
    <View>
      <View className="zw-card">
        <Text className="zw-muted">超过多少天未核对：</Text>
        <View className="zw-chips" style={{ marginTop: '0.4em' }}>
          {choices.map((d) => (
            <Chip key={d ?? 0} on={d === days} className={`ed-stale-days ed-stale-days--${d ?? 'default'}`} onClick={() => onDays(d)}>
              {d === undefined ? (settingDays ? `按规定（${settingDays} 天）` : '按规定') : `${d} 天`}
            </Chip>
          ))}
        </View>
        <Text className="ed-hint">核对无误后在编辑页点“标记已核对”（或重新发布），就会从这里移出。</Text>
      </View>
      {report.data.length === 0 ? (
        <View className="zw-card">
          <Empty text={`没有超过 ${report.thresholdDays} 天未核对的内容`} hint="内容核对后会从这里移出。" />
        </View>
      ) : (
        <View>
          <Text className="ed-list-foot">{`共 ${report.total} 条超过 ${report.thresholdDays} 天未核对`}</Text>
          {report.data.map((e) => (
            <View
              key={`${e.type}-${e.id}`}
              className="ed-card ed-stale"
              role="link"
              data-id={e.id}
              onClick={() => {
                void Taro.navigateTo({ url: `${e.type === 'item' ? pagePaths.editorEdit : pagePaths.editorPolicy}?id=${e.id}` });
              }}
            >
              <View className="ed-card__top">
                <Text className="ed-card__code">{`${e.type === 'item' ? '办事指南' : '政策文件'} · ${e.code}`}</Text>
                {/* Never reviewed counts from creation: "0 天未核" would read as just checked. */}
                <Text className="ed-days">{e.reviewedAt ? `${e.daysSinceReview} 天未核` : '从未核对'}</Text>
              </View>
              <Text className="ed-card__title">{e.title}</Text>
              <Text className="zw-muted">{`${e.department ?? ''}${e.department ? ' · ' : ''}${e.reviewedAt ? `上次核对 ${fmtDateTime(e.reviewedAt)}` : `录入 ${e.daysSinceReview} 天`}`}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
