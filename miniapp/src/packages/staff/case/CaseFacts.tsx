import Taro from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { caseStateLabels, formatTrackingNo, ratingLabel, type StaffCase } from '@zw/shared';
import { photoSrc } from '../../../services/api';
import { DueBadge, StateTag } from '../../../components/kit';
import { SectionTitle } from '../components/ui';
import { dueText, errorText, fmtDateTime } from '../format';
import { staffApi } from '../services/staff-api';
import '../components/staff.css';

const targetKinds: Record<string, string> = { department: '部门', item: '办事事项', window: '服务窗口' };

export function CaseHead({ data }: { data: StaffCase }) {
  return (
    <View className="zw-card st-detail-head">
      <View className="st-case__top">
        <View className="st-case__tags">
          <Text className="st-type">{data.type}</Text>
          <StateTag state={data.state} label={caseStateLabels[data.state]} />
        </View>
        <DueBadge status={data.deadlineStatus} audience="staff" className={`st-due st-due--${data.deadlineStatus}`} />
      </View>
      <Text className="st-detail__title">{data.title}</Text>
      <Text className={`st-detail__due st-detail__due--${data.deadlineStatus}`}>
        {data.state === 'closed' || data.state === 'rejected'
          ? `${data.state === 'closed' ? '已办结' : '不予受理'}，${fmtDateTime(data.closedAt)}`
          : dueText(data)}
      </Text>
      <View className="st-case__meta">
        <Text className="st-case__no st-tracking-no">{formatTrackingNo(data.trackingNo)}</Text>
        <Text>{data.department.name}</Text>
        <Text className="st-owner">{data.owner ? `承办人 ${data.owner.name}` : '尚未受理'}</Text>
      </View>
    </View>
  );
}

/** 督办 is shown to the handler above everything else: the newest chase and how many there were. */
export function ChaseNotice({ data }: { data: StaffCase }) {
  if (data.chaseCount === 0) return null;
  const last = [...data.timeline].reverse().find((e) => e.action === 'chase');
  return (
    <View className="zw-card st-chase st-chase-notice">
      <Text className="st-chase__title">{`督办 ${data.chaseCount} 次，请优先办理`}</Text>
      {last ? (
        <View>
          <Text className="zw-muted">{`${last.actor} · ${fmtDateTime(last.at)}`}</Text>
          <Text className="st-chase__body">{last.body ?? ''}</Text>
        </View>
      ) : null}
    </View>
  );
}

/**
 * The citizen's contact: masked in every list and here, until the owner asks
 * for it. Each reveal is written to the case's audit trail by the server
 * (shown in the timeline as 查看联系方式), so the page refreshes after it.
 */
export function ContactCard({ data, me, onRevealed }: { data: StaffCase; me: number; onRevealed: () => void }) {
  const [phone, setPhone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const isOwner = data.owner?.id === me;
  const reveal = async () => {
    setBusy(true);
    setError('');
    try {
      const c = await staffApi.contact(data.id);
      setPhone(c.phone);
      onRevealed();
    } catch (err) {
      setError(errorText(err, '没有取到联系方式，请稍后再试'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="zw-card st-contact-card">
      <SectionTitle>联系人</SectionTitle>
      {data.anonymous ? (
        <Text className="zw-muted">群众选择匿名反映，没有留下联系方式。答复会显示在其“我的诉求”中。</Text>
      ) : (
        <View>
          <View className="st-contact">
            <View className="st-contact__who">
              <Text className="st-contact__name">{data.contactName ?? '（未填写姓名）'}</Text>
              <Text className="st-contact__phone st-contact-phone">{phone ?? data.contactPhoneMasked ?? '—'}</Text>
            </View>
            {phone ? (
              <Button
                className="zw-btn zw-btn--solid"
                onClick={() => void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)}
              >
                拨打
              </Button>
            ) : isOwner && data.contactPhoneMasked ? (
              <Button className="zw-btn st-reveal" loading={busy} disabled={busy} onClick={() => void reveal()}>
                显示完整号码
              </Button>
            ) : null}
          </View>
          <Text className="zw-muted">
            {phone
              ? '本次查看已记入办理记录。请仅用于办理本诉求。'
              : data.owner
                ? '只有承办人可以查看完整号码，每次查看都会记录。'
                : '受理后，承办人可以查看完整号码（查看会记录）。'}
          </Text>
          {error ? <Text className="zw-field-error">{error}</Text> : null}
        </View>
      )}
    </View>
  );
}

export function ContentCard({ data }: { data: StaffCase }) {
  const photos = data.photos.map((p) => photoSrc(p.url));
  return (
    <View className="zw-card st-content-card">
      <SectionTitle extra={data.anonymous ? '匿名' : '实名'}>群众反映</SectionTitle>
      <Text className="st-content st-case-content">{data.content}</Text>
      {photos.length ? (
        <View className="zw-gallery">
          {photos.map((src, i) => (
            <View
              key={data.photos[i]!.id}
              className="zw-gallery__item"
              role="button"
              aria-label="查看大图"
              onClick={() => void Taro.previewImage({ urls: photos, current: src })}
            >
              {/* Taro's image sets font-size: 0, so its size comes from this wrapper, not from em. */}
              <Image className="zw-gallery__img st-photo" src={src} mode="aspectFill" ariaLabel={`照片 ${i + 1}`} />
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

export function InfoCard({ data }: { data: StaffCase }) {
  const rows: Array<[string, string]> = [
    ['反映对象', `${data.target.name}${data.target.type !== 'department' ? `（${targetKinds[data.target.type]}）` : ''}`],
    ['承办部门', data.department.name],
    ['提交时间', fmtDateTime(data.receivedAt)],
    ['答复期限', `${fmtDateTime(data.dueAt)}${data.extensionUsed ? '（已延期）' : ''}`],
  ];
  if (data.answeredAt) rows.push(['答复时间', fmtDateTime(data.answeredAt)]);
  if (data.rating) rows.push(['群众评价', `${ratingLabel(data.rating.level)}${data.rating.comment ? `：${data.rating.comment}` : ''}`]);
  return (
    <View className="zw-card st-info">
      <SectionTitle>办理信息</SectionTitle>
      {rows.map(([k, v]) => (
        <View key={k} className="zw-kv">
          <Text className="zw-kv__k">{k}</Text>
          <Text className="zw-kv__v">{v}</Text>
        </View>
      ))}
    </View>
  );
}
