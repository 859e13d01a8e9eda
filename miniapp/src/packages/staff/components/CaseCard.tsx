import { Text, View } from '@tarojs/components';
import { caseStateLabels, formatTrackingNo, type CaseSummary } from '@zw/shared';
import { go } from '../../../services/nav';
import { dueText } from '../format';
import { DueBadge, StateTag } from '../../../components/kit';
import './staff.css';
import './staff.css';

/** One case in a list: what it is, how urgent, who has it. The whole card opens the case. */
export default function CaseCard({ c, showDepartment, extra }: { c: CaseSummary; showDepartment?: boolean; extra?: JSX.Element | null }) {
  return (
    <View className={`zw-card st-case st-case--${c.deadlineStatus}`} data-id={c.id} data-tracking-no={c.trackingNo}>
      <View className="st-case__main" role="link" hoverClass="st-case--hover" onClick={() => void go('staffCase', { id: c.id })}>
        <View className="st-case__top">
          <View className="st-case__tags">
            <Text className="st-type">{c.type}</Text>
            <StateTag state={c.state} label={caseStateLabels[c.state]} />
          </View>
          <DueBadge status={c.deadlineStatus} audience="staff" className={`st-due st-due--${c.deadlineStatus}`} />
        </View>
        <Text className="st-case__title">{c.title}</Text>
        <Text className={`st-case__due st-case__due--${c.deadlineStatus}`}>{dueText(c)}</Text>
        <View className="st-case__meta">
          <Text className="st-case__no">{formatTrackingNo(c.trackingNo)}</Text>
          {showDepartment ? <Text className="st-case__dept">{c.department.name.replace(/^清溪县/, '')}</Text> : null}
          <Text>{c.ownerName ? `承办人 ${c.ownerName}` : '未受理'}</Text>
        </View>
        {c.chaseCount > 0 ? <Text className="st-case__chased">{`已督办 ${c.chaseCount} 次`}</Text> : null}
      </View>
      {extra}
    </View>
  );
}
