import Taro from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { followUpPublicText, formatTrackingNo, ratingLabel, type CaseEventView, type CitizenCase } from '@zw/shared';
import { photoSrc } from '../../../services/api';
import { fmtDate, fmtDateTime } from '../format';
import { DueBadge, StateTag } from '../../../components/kit';
import { copyText } from '../../../services/clipboard';
import './cases.css';
import './cases.css';
import '../../../components/Timeline.css';

const targetKinds: Record<string, string> = { department: '部门', item: '办事事项', window: '服务窗口' };

function latest(timeline: CaseEventView[], action: string): CaseEventView | undefined {
  for (let i = timeline.length - 1; i >= 0; i--) if (timeline[i]!.action === action) return timeline[i];
  return undefined;
}

/** The answer the citizen is waiting for, shown above everything else. */
function Outcome({ data }: { data: CitizenCase }) {
  if (data.state === 'rejected') {
    const e = latest(data.timeline, 'reject');
    return (
      <View className="zw-card case-reply case-reply--rejected">
        <Text className="case-reply__label">不予受理</Text>
        {e ? <Text className="case-reply__meta">{`${e.actor} · ${fmtDateTime(e.at)}`}</Text> : null}
        <Text className="case-reply__body">{e?.body || '承办部门决定不予受理。'}</Text>
      </View>
    );
  }
  if (data.state === 'awaiting_supplement') {
    const e = latest(data.timeline, 'request_supplement');
    return (
      <View className="zw-card case-reply case-reply--supplement">
        <Text className="case-reply__label">需要您补充材料</Text>
        {e ? <Text className="case-reply__meta">{`${e.actor} · ${fmtDateTime(e.at)}`}</Text> : null}
        <Text className="case-reply__body">{e?.body || '请按承办部门的要求补充材料。'}</Text>
      </View>
    );
  }
  const reply = latest(data.timeline, 'reply');
  if (!reply) {
    if (data.state === 'answered' || data.state === 'closed') return null;
    // Still open: say plainly what happens next and by when.
    const overdue = data.deadlineStatus === 'overdue';
    return (
      <View className={`zw-card case-reply case-reply--pending${overdue ? ' case-reply--overdue' : ''}`}>
        <Text className="case-reply__label">办理进度</Text>
        <Text className="case-reply__body">
          {overdue
            ? `已超过办理期限（${fmtDate(data.dueAt)}），超期的留言会提醒督办人员跟进。`
            : data.state === 'submitted' || data.state === 'transferred'
              ? `留言已送达${data.department.name}，等待受理。承办部门将在 ${fmtDate(data.dueAt)} 前答复您。`
              : `${data.department.name}正在办理，将在 ${fmtDate(data.dueAt)} 前答复您。`}
        </Text>
      </View>
    );
  }
  return (
    <View className="zw-card case-reply" id="case-reply">
      <Text className="case-reply__label">答复</Text>
      <Text className="case-reply__meta">{`${reply.actor} · ${fmtDateTime(reply.at)}`}</Text>
      <Text className="case-reply__body case-reply-text">{reply.body ?? ''}</Text>
    </View>
  );
}

/** The public part of the 回访 after a bad rating: what the department did about it. */
function FollowUp({ data }: { data: CitizenCase }) {
  const f = data.followUp;
  if (!f) return null;
  return (
    <View className="zw-card case-follow-up" id="case-follow-up">
      <Text className="case-section-title">回访情况</Text>
      <Text className="zw-muted">{fmtDateTime(f.doneAt)}</Text>
      <Text className="case-content">{f.publicNote || followUpPublicText[f.outcome]}</Text>
      {f.rectified !== null ? (
        <View className="zw-kv">
          <Text className="zw-kv__k">整改情况</Text>
          <Text className="zw-kv__v">{f.rectified ? '已整改' : '暂未整改'}</Text>
        </View>
      ) : null}
    </View>
  );
}

function Timeline({ events }: { events: CaseEventView[] }) {
  const list = [...events].reverse();
  return (
    <View className="zw-card">
      <Text className="case-section-title">办理过程</Text>
      {list.length === 0 ? <Text className="zw-muted">暂无记录</Text> : null}
      <View className="case-timeline">
        {list.map((e, i) => {
          const to = e.action === 'transfer' ? (e.data as { toDepartment?: unknown } | null)?.toDepartment : null;
          return (
            <View key={e.id} className={`zw-event${i === 0 ? ' zw-event--latest' : ''}${e.action === 'reply' ? ' zw-event--reply' : ''}`}>
              <View className="zw-event__dot" />
              <View className="zw-event__head">
                <Text className="zw-event__label">{e.label}</Text>
                <Text className="zw-event__actor">{e.actor}</Text>
              </View>
              <Text className="zw-event__time">{fmtDateTime(e.at)}</Text>
              {typeof to === 'string' && to ? <Text className="zw-event__body">{`转至${to}办理`}</Text> : null}
              {e.body ? <Text className="zw-event__body">{e.action === 'reply' ? `答复内容：${e.body}` : e.body}</Text> : null}
            </View>
          );
        })}
      </View>
    </View>
  );
}

/**
 * One citizen message as its sender sees it: state, the answer, the facts, what
 * they wrote, and the public handling record. Read-only; `actions` (rating,
 * reopen, supplement) are passed in by the detail page and shown under the answer.
 */
export default function CaseView({ data, actions, notice }: { data: CitizenCase; actions?: ReactNode; notice?: ReactNode }) {
  const photos = data.photos.map((p) => photoSrc(p.url));
  return (
    <View className="case-view">
      <View className="zw-card case-head">
        <View className="case-head__top">
          <StateTag state={data.state} label={data.stateLabel} />
          <Text className="zw-tag">{data.type}</Text>
        </View>
        <Text className="case-head__title">{data.title}</Text>
        <View className="case-head__no">
          <View>
            <Text className="case-head__no-label">受理编号</Text>
            <Text className="case-tracking-no">{formatTrackingNo(data.trackingNo)}</Text>
          </View>
          <Button className="zw-btn" onClick={() => copyText(data.trackingNo, '受理编号已复制')}>
            复制
          </Button>
        </View>
      </View>

      {notice}
      <Outcome data={data} />
      {data.rating ? (
        <View className="zw-card">
          <Text className="case-section-title">您的评价</Text>
          <View className="case-rated">
            <Text className="case-rated__level">{ratingLabel(data.rating.level)}</Text>
            <Text className="zw-muted">{fmtDateTime(data.rating.createdAt)}</Text>
          </View>
          {data.rating.comment ? <Text className="case-content">{data.rating.comment}</Text> : null}
        </View>
      ) : null}

      <FollowUp data={data} />

      {actions}

      <View className="zw-card">
        <Text className="case-section-title">办理信息</Text>
        <View className="zw-kv">
          <Text className="zw-kv__k">留言类型</Text>
          <Text className="zw-kv__v">{data.type}</Text>
        </View>
        <View className="zw-kv">
          <Text className="zw-kv__k">反映对象</Text>
          <Text className="zw-kv__v">{`${data.target.name}${targetKinds[data.target.type] && data.target.type !== 'department' ? `（${targetKinds[data.target.type]}）` : ''}`}</Text>
        </View>
        <View className="zw-kv">
          <Text className="zw-kv__k">承办部门</Text>
          <Text className="zw-kv__v">{data.department.name}</Text>
        </View>
        <View className="zw-kv">
          <Text className="zw-kv__k">提交时间</Text>
          <Text className="zw-kv__v">{fmtDateTime(data.receivedAt)}</Text>
        </View>
        <View className="zw-kv">
          <Text className="zw-kv__k">办理期限</Text>
          <View className="zw-kv__v">
            <Text>{fmtDate(data.dueAt)}</Text>
            <DueBadge audience="citizen" status={data.deadlineStatus} />
          </View>
        </View>
        {data.answeredAt ? (
          <View className="zw-kv">
            <Text className="zw-kv__k">答复时间</Text>
            <Text className="zw-kv__v">{fmtDateTime(data.answeredAt)}</Text>
          </View>
        ) : null}
        {data.closedAt ? (
          <View className="zw-kv">
            <Text className="zw-kv__k">办结时间</Text>
            <Text className="zw-kv__v">{fmtDateTime(data.closedAt)}</Text>
          </View>
        ) : null}
        <View className="zw-kv">
          <Text className="zw-kv__k">反映方式</Text>
          <Text className="zw-kv__v">{data.anonymous ? '匿名' : '实名'}</Text>
        </View>
      </View>

      <View className="zw-card">
        <Text className="case-section-title">留言内容</Text>
        <Text className="case-content">{data.content}</Text>
        {photos.length ? (
          <View className="zw-gallery">
            {photos.map((src, i) => (
              <View
                key={data.photos[i]!.id}
                className="zw-gallery__item"
                role="button"
                aria-label="查看大图"
                onClick={() => Taro.previewImage({ urls: photos, current: src })}
              >
                {/* Taro's image sets font-size: 0, so its size comes from this wrapper, not from em. */}
                <Image className="zw-gallery__img" src={src} mode="aspectFill" ariaLabel={`照片 ${i + 1}`} />
              </View>
            ))}
          </View>
        ) : null}
      </View>

      <Timeline events={data.timeline} />
    </View>
  );
}
