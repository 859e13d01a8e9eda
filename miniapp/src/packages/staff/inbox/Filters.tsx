import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { caseStateLabels, MessageType, type CaseState } from '@zw/shared';
import { Chip } from '../../../components/kit';
import '../components/staff.css';
import '../components/staff.css';

export type Deadline = 'any' | 'overdue' | 'due_soon';
export type FilterValue = { type: MessageType | ''; state: CaseState | 'open'; deadline: Deadline };
export const noFilters: FilterValue = { type: '', state: 'open', deadline: 'any' };

const STATES: Array<CaseState | 'open'> = [
  'open',
  'submitted',
  'transferred',
  'accepted',
  'in_progress',
  'awaiting_supplement',
  'answered',
  'closed',
  'rejected',
];
const stateLabel = (s: CaseState | 'open') => (s === 'open' ? '未办结' : s === 'answered' ? '已答复待办结' : caseStateLabels[s]);
const DEADLINES: Array<{ key: Deadline; label: string }> = [
  { key: 'any', label: '全部' },
  { key: 'overdue', label: '已超期' },
  { key: 'due_soon', label: '临期' },
];

/** Type, state and deadline filters; folded into one line until opened, so the list comes first. */
export default function Filters({ value, onChange }: { value: FilterValue; onChange: (v: FilterValue) => void }) {
  const [open, setOpen] = useState(false);
  const deadline = value.deadline === 'any' ? '全部期限' : (DEADLINES.find((d) => d.key === value.deadline)?.label ?? '');
  const summary = [value.type || '全部类型', stateLabel(value.state), deadline].join(' · ');
  const set = (patch: Partial<FilterValue>) => onChange({ ...value, ...patch });
  return (
    <View className="st-filters-wrap">
      <View className="st-filters__toggle st-filters-toggle" role="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        <Text>{`筛选：${summary}`}</Text>
        <Text>{open ? '收起 ▴' : '展开 ▾'}</Text>
      </View>
      {open ? (
        <View className="st-filters">
          <View className="st-filters__group">
            <Text className="st-filters__k">类型</Text>
            <View className="zw-chips">
              <Chip className="st-chip" on={value.type === ''} onClick={() => set({ type: '' })}>
                全部
              </Chip>
              {MessageType.options.map((t) => (
                <Chip className="st-chip" key={t} on={value.type === t} onClick={() => set({ type: t })}>
                  {t}
                </Chip>
              ))}
            </View>
          </View>
          <View className="st-filters__group">
            <Text className="st-filters__k">状态</Text>
            <View className="zw-chips">
              {STATES.map((s) => (
                <Chip className="st-chip" key={s} on={value.state === s} onClick={() => set({ state: s })}>
                  {stateLabel(s)}
                </Chip>
              ))}
            </View>
          </View>
          <View className="st-filters__group">
            <Text className="st-filters__k">期限</Text>
            <View className="zw-chips">
              {DEADLINES.map((d) => (
                <Chip className="st-chip" key={d.key} on={value.deadline === d.key} onClick={() => set({ deadline: d.key })}>
                  {d.label}
                </Chip>
              ))}
            </View>
          </View>
        </View>
      ) : null}
    </View>
  );
}
