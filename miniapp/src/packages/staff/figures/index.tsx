import '../zod';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { ScrollView, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { localDate, ratingLevelLabels, type Department, type StaffStats } from '@zw/shared';
import Page from '../../../components/Page';
import { ErrorState, Loading } from '../../../components/PageState';
import { BarList, ColumnChart, Meter } from '../components/charts';
import StaffHeader from '../components/StaffHeader';
import StaffNav from '../components/StaffNav';
import { Chip } from '../../../components/kit';
import { SectionTitle } from '../components/ui';
import { useStaffSession } from '../components/useStaffSession';
import { errorText, fmtDateTime } from '../format';
import { staffApi } from '../services/staff-api';
import { isSupervisor } from '../../../services/staff-session';
import { buckets, periodRange, periods, type PeriodKey } from './series';
import '../components/staff.css';

const LEVEL_COLORS: Record<string, string> = { '5': '#16a34a', '4': '#6cc24a', '3': '#f0a020', '2': '#f07c3c', '1': '#d83931' };

/**
 * The department's figures as charts: received vs closed over time, on-time,
 * closed and timely-reply rates, the satisfaction distribution, and what is
 * overdue right now. Staff see their department; supervisors the county or one
 * department. Every number comes from GET /api/staff/stats.
 */
export default function Figures() {
  const session = useStaffSession();
  const supervisor = session ? isSupervisor(session.user) : false;
  const [period, setPeriod] = useState<PeriodKey>('7d');
  const [department, setDepartment] = useState<number | undefined>(undefined);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [state, setState] = useState<{ status: 'loading' } | { status: 'error'; message: string } | { status: 'done'; data: StaffStats }>({
    status: 'loading',
  });

  const load = async (quiet = false) => {
    if (!quiet) setState({ status: 'loading' });
    try {
      const range = periodRange(period, localDate(new Date().toISOString()));
      setState({ status: 'done', data: await staffApi.stats({ ...range, department }) });
    } catch (err) {
      if (quiet) void Taro.showToast({ title: errorText(err, '刷新没有成功'), icon: 'none' });
      else setState({ status: 'error', message: errorText(err, '统计没有加载出来，请稍后再试') });
    }
  };
  useEffect(() => {
    if (session) void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [period, department]);
  useEffect(() => {
    if (supervisor)
      staffApi.departments().then(
        (r) => setDepartments(r.data),
        () => undefined,
      );
  }, [supervisor]);
  usePullDownRefresh(() => {
    void load(true).finally(() => Taro.stopPullDownRefresh());
  });

  if (!session) return <Page className="st-page" />;
  const unit = periods.find((p) => p.key === period)!.unit;

  let body;
  if (state.status === 'loading') body = <Loading text="正在统计…" />;
  else if (state.status === 'error') body = <ErrorState message={state.message} onRetry={() => void load()} />;
  else {
    const s = state.data;
    const t = s.total;
    const cols = buckets(period, s.daily).map((b) => ({
      label: b.label,
      title: b.title,
      values: { received: b.received, closed: b.closed },
    }));
    const levels = (['5', '4', '3', '2', '1'] as const).map((k) => ({
      key: k,
      label: ratingLevelLabels[Number(k)]!,
      value: t.ratingDistribution[k],
      color: LEVEL_COLORS[k],
    }));
    const overdueTypes = s.byType
      .filter((x) => x.overdueNow > 0)
      .map((x) => ({ key: x.type, label: x.type, value: x.overdueNow, color: '#d83931' }));
    body = (
      <View className="st-figures-body">
        <Text
          className="zw-muted"
          style={{ display: 'block', marginBottom: '0.6em' }}
        >{`${s.from} 至 ${s.to} · ${s.departments.length === 1 ? s.departments[0]!.departmentName : '全县各部门'}`}</Text>

        <View className="zw-card">
          <SectionTitle extra={unit}>受理与办结</SectionTitle>
          <ColumnChart
            id="chart-received-closed"
            groups={cols}
            series={[
              { key: 'received', name: '受理', color: '#1456f0' },
              { key: 'closed', name: '办结', color: '#16a34a' },
            ]}
          />
          <Text className="zw-muted" style={{ display: 'block', marginTop: '0.5em' }}>
            受理按提交日期，办结按办结日期统计。
          </Text>
        </View>

        <View className="zw-card">
          <SectionTitle extra="本期受理的诉求">办理时效</SectionTitle>
          <Meter
            id="chart-on-time"
            label="按时办结率"
            rate={t.onTimeRate}
            detail={`已办结 ${t.closed} 件，其中按期办结 ${t.closedOnTime} 件`}
          />
          <Meter
            id="chart-closed-rate"
            label="办结率"
            rate={t.closedRate}
            detail={`受理 ${t.received} 件，已办结 ${t.closed} 件`}
            good={0.8}
            warn={0.5}
          />
          <Meter
            id="chart-timely-reply"
            label="反馈及时率"
            rate={t.timelyReplyRate}
            detail={`应反馈 ${t.replyDue} 件，按期反馈 ${t.timelyReplies} 件`}
          />
        </View>

        <View className="zw-card">
          <SectionTitle extra={`共 ${t.ratings} 条评价`}>群众满意度</SectionTitle>
          <Meter
            id="chart-satisfaction"
            label="满意率（满意及以上）"
            rate={t.satisfactionRate}
            detail={`好评 ${t.goodRatings} 条；差评均须回访，已回访 ${t.followUpsDone} / ${t.followUps}`}
          />
          <View className="zw-gap" />
          <BarList id="chart-ratings" rows={levels} unit="条" showShare empty="本期还没有评价" />
        </View>

        <View className="zw-card">
          <SectionTitle extra={`截至 ${fmtDateTime(s.asOf).slice(11)}`}>当前超期</SectionTitle>
          <View
            className={`st-big ${t.overdueNow > 0 ? 'st-big--bad' : 'st-big--good'}`}
            id="chart-overdue-now"
            data-chart="chart-overdue-now"
            data-value={t.overdueNow}
          >
            <Text className="st-big__n">{t.overdueNow}</Text>
            <Text className="st-big__unit">{t.overdueNow > 0 ? '件未办结且已超过期限，请尽快办理' : '件，没有超期诉求'}</Text>
          </View>
          {overdueTypes.length ? <BarList id="chart-overdue-types" rows={overdueTypes} /> : null}
        </View>
      </View>
    );
  }

  return (
    <Page className="st-page st-figures">
      <StaffHeader session={session} title="办理统计" />
      {supervisor && departments.length ? (
        // One scrolling row: eleven departments would otherwise push the charts off the first screen.
        <ScrollView scrollX className="st-scroll-chips st-periods" enhanced showScrollbar={false}>
          <Chip on={department === undefined} onClick={() => setDepartment(undefined)}>
            全县
          </Chip>
          {departments.map((d) => (
            <Chip key={d.id} on={department === d.id} onClick={() => setDepartment(d.id)}>
              {d.shortName}
            </Chip>
          ))}
        </ScrollView>
      ) : null}
      <View className="zw-chips st-periods" role="radiogroup">
        {periods.map((p) => (
          <Chip key={p.key} className={`st-period st-period--${p.key}`} on={period === p.key} onClick={() => setPeriod(p.key)}>
            {p.label}
          </Chip>
        ))}
      </View>
      {body}
      <StaffNav session={session} active="figures" />
    </Page>
  );
}
