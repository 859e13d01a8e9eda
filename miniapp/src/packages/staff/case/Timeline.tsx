import { Text, View } from '@tarojs/components';
import type { CaseEventView } from '@zw/shared';
import { SectionTitle } from '../components/ui';
import { fmtDateTime } from '../format';
import '../components/staff.css';
import '../../../components/Timeline.css';

/** Every step, newest first: public ones as the citizen sees them, internal ones (notes, 督办, 查看联系方式) marked. */
export default function Timeline({ events }: { events: CaseEventView[] }) {
  const list = [...events].reverse();
  return (
    <View className="zw-card st-timeline">
      <SectionTitle extra="标“内部”的记录群众看不到">办理过程</SectionTitle>
      {list.map((e, i) => {
        const to = e.action === 'transfer' ? (e.data as { toDepartment?: unknown } | null)?.toDepartment : null;
        const days = e.action === 'extend' ? (e.data as { days?: unknown } | null)?.days : null;
        return (
          <View key={e.id} className={`zw-event zw-event--${e.action}${i === 0 ? ' zw-event--latest' : ''}`} data-action={e.action}>
            <View className="zw-event__dot" />
            <View className="zw-event__head">
              <Text className="zw-event__label">{e.label}</Text>
              <Text className="zw-event__actor">{e.actor}</Text>
              {e.visibility === 'internal' ? <Text className="st-internal">内部</Text> : null}
            </View>
            <Text className="zw-event__time">{fmtDateTime(e.at)}</Text>
            {typeof to === 'string' && to ? <Text className="zw-event__body">{`转至${to}：${e.body ?? ''}`}</Text> : null}
            {typeof days === 'number' ? <Text className="zw-event__body">{`延长 ${days} 个工作日：${e.body ?? ''}`}</Text> : null}
            {e.body && !to && typeof days !== 'number' ? <Text className="zw-event__body">{e.body}</Text> : null}
          </View>
        );
      })}
    </View>
  );
}
