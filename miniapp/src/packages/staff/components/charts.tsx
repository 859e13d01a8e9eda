import { Text, View } from '@tarojs/components';
import { percent } from '../format';
import './staff.css';

/*
 * Charts drawn with Views: bars are boxes whose height or width comes from the
 * data, each labelled with its value. Why not a chart library or <canvas>:
 * echarts alone is ~1 MB (half a subpackage's 2 MB), canvas charts are images
 * that screen readers and 长辈模式 cannot enlarge, and SVG or DOM measuring do
 * not exist in WeChat. Views work the same in weapp and H5, scale with the
 * page's em (长辈模式), and carry data-value attributes the tests read.
 */

const pct = (v: number, max: number) => (max > 0 ? Math.round((v / max) * 1000) / 10 : 0);

export type Series = { key: string; name: string; color: string };
export type Group = { label: string; title: string; values: Record<string, number> };

/** Grouped columns over time (受理 vs 办结 per day, week or month), with a legend carrying the totals. */
export function ColumnChart({ id, groups, series, unit = '件' }: { id: string; groups: Group[]; series: Series[]; unit?: string }) {
  const max = Math.max(0, ...groups.flatMap((g) => series.map((s) => g.values[s.key] ?? 0)));
  const totals = series.map((s) => groups.reduce((n, g) => n + (g.values[s.key] ?? 0), 0));
  return (
    <View className="st-chart st-cols" id={id} data-chart={id}>
      <View className="st-legend">
        {series.map((s, i) => (
          <View key={s.key} className="st-legend__item" data-series={s.key} data-total={totals[i]}>
            <View className="st-legend__dot" style={{ backgroundColor: s.color }} />
            <Text>{`${s.name} ${totals[i]} ${unit}`}</Text>
          </View>
        ))}
      </View>
      {max === 0 ? <Text className="st-chart__empty">这段时间没有受理或办结的诉求</Text> : null}
      <View className="st-cols__plot">
        {groups.map((g) => (
          <View key={g.label} className="st-cols__group" data-group={g.label}>
            {series.map((s) => {
              const v = g.values[s.key] ?? 0;
              return (
                <View key={s.key} className="st-cols__slot">
                  <Text className={`st-cols__value${v === 0 ? ' st-cols__value--zero' : ''}`}>{v}</Text>
                  <View
                    className="st-bar st-cols__bar"
                    data-series={s.key}
                    data-label={g.label}
                    data-value={v}
                    role="img"
                    aria-label={`${g.title} ${s.name} ${v} ${unit}`}
                    style={{
                      height: v > 0 ? `${Math.max(pct(v, max) * 0.8, 2)}%` : '2px',
                      backgroundColor: s.color,
                      opacity: v > 0 ? 1 : 0.35,
                    }}
                  />
                </View>
              );
            })}
          </View>
        ))}
      </View>
      <View className="st-cols__axis">
        {groups.map((g) => (
          <Text key={g.label} className="st-cols__label">
            {g.label}
          </Text>
        ))}
      </View>
    </View>
  );
}

export type BarRow = { key: string; label: string; value: number; color?: string; note?: string };

/** Horizontal bars, one per row, longest = largest; each with its count (and share when `showShare`). */
export function BarList({
  id,
  rows,
  unit = '件',
  showShare,
  empty,
}: {
  id: string;
  rows: BarRow[];
  unit?: string;
  showShare?: boolean;
  empty?: string;
}) {
  const max = Math.max(0, ...rows.map((r) => r.value));
  const total = rows.reduce((n, r) => n + r.value, 0);
  if (empty && total === 0) {
    return (
      <View className="st-chart st-bars st-bars--empty" id={id} data-chart={id} data-total={0}>
        <Text className="st-chart__empty">{empty}</Text>
      </View>
    );
  }
  return (
    <View className="st-chart st-bars" id={id} data-chart={id} data-total={total}>
      {rows.map((r) => (
        <View key={r.key} className="st-bars__row">
          <Text className="st-bars__label">{r.label}</Text>
          <View className="st-bars__track">
            <View
              className="st-bar st-bars__bar"
              data-key={r.key}
              data-value={r.value}
              role="img"
              aria-label={`${r.label} ${r.value} ${unit}`}
              style={{ width: r.value > 0 ? `${Math.max(pct(r.value, max), 2)}%` : '0', backgroundColor: r.color ?? '#1456f0' }}
            />
          </View>
          <Text className="st-bars__value">
            {`${r.value} ${unit}`}
            {showShare && total > 0 ? <Text className="st-bars__share">{` ${percent(r.value / total, 0)}`}</Text> : null}
          </Text>
        </View>
      ))}
    </View>
  );
}

/** One rate as a large percentage over a filled track, with the counts it is made of. */
export function Meter({
  id,
  label,
  rate,
  detail,
  good = 0.9,
  warn = 0.7,
}: {
  id: string;
  label: string;
  rate: number | null;
  detail: string;
  good?: number;
  warn?: number;
}) {
  const tone = rate === null ? 'none' : rate >= good ? 'good' : rate >= warn ? 'warn' : 'bad';
  return (
    <View className={`st-meter st-meter--${tone}`} id={id} data-chart={id} data-value={rate === null ? '' : rate}>
      <View className="st-meter__head">
        <Text className="st-meter__label">{label}</Text>
        <Text className="st-meter__value">{rate === null ? '暂无' : percent(rate)}</Text>
      </View>
      <View className="st-meter__track">
        <View className="st-meter__fill" style={{ width: rate === null ? '0' : `${Math.round(rate * 1000) / 10}%` }} />
      </View>
      <Text className="st-meter__detail">{detail}</Text>
    </View>
  );
}
