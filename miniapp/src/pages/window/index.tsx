import { useEffect } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { ServiceItemSummary, WindowDetail } from '@zw/shared';
import { limitLabel, visitsLabel } from '@zw/shared/guide';
import { pagePaths } from '@zw/shared/paths';
import Page from '../../components/Page';
import { Empty, ErrorState, Loading } from '../../components/PageState';
import { shareTitle, useShare } from '../../hooks/useShare';
import { useRequest } from '../../hooks/useRequest';
import { api } from '../../services/api';
import { go, idParam } from '../../services/nav';
import { idFromParams } from '../qr/parse';
import RateCard from './RateCard';
import './index.css';

/**
 * A service-hall window, usually opened by the QR code posted at it: what it is,
 * what can be done there, 一次一评 rating, and a way to report a problem.
 */
export default function Screen() {
  const { params } = useRouter();
  const id = idParam(idFromParams(params));
  const req = useRequest<WindowDetail>(
    () => (id ? api.window(id) : Promise.reject(new Error('链接不完整，请重新扫描窗口上的二维码'))),
    [id],
  );

  const shown = req.status === 'done' ? `${req.data.number} ${req.data.name}` : null;
  useShare(() => ({ title: shareTitle(shown), path: id ? `${pagePaths.window}?id=${id}` : pagePaths.home }));

  useEffect(() => {
    if (req.status === 'done') void Taro.setNavigationBarTitle({ title: `${req.data.number} ${req.data.name}` }).catch(() => undefined);
  }, [req.status, req.data]);

  return (
    <Page className="win">
      {req.status === 'loading' ? <Loading /> : null}
      {req.status === 'error' ? (
        <View>
          <ErrorState message={req.error} onRetry={id ? () => void req.reload() : undefined} />
          <View className="win-links">
            <Text className="win-links__item" onClick={() => void Taro.redirectTo({ url: pagePaths.qr })}>
              输入二维码编号
            </Text>
            <Text className="win-links__item" onClick={() => void Taro.reLaunch({ url: pagePaths.home })}>
              回到首页
            </Text>
          </View>
        </View>
      ) : null}
      {req.status === 'done' ? <WindowView w={req.data} /> : null}
    </Page>
  );
}

function WindowView({ w }: { w: WindowDetail }) {
  return (
    <View>
      <View className="zw-card win-head">
        <View className="win-head__hall" role="link" onClick={() => void go('hall', { id: w.hallId })}>
          <Text>{w.hall.name}</Text>
          <Text className="win-chevron">›</Text>
        </View>
        <View className="win-head__main">
          <View className="win-head__badge">
            <Text className="win-head__number">{w.number}</Text>
            <Text className="win-head__badge-label">号窗口</Text>
          </View>
          <View className="win-head__names">
            <Text className="zw-title win-head__name">{w.name}</Text>
            <Text className="win-head__dept">{w.department ? w.department.name : '综合窗口（多个部门事项）'}</Text>
          </View>
        </View>
        {w.description ? <Text className="win-head__desc">{w.description}</Text> : null}
      </View>

      <View className="zw-card">
        <View className="win-section-head">
          <Text className="zw-h2">可办理事项</Text>
          {w.items.length ? <Text className="zw-muted">共 {w.items.length} 项</Text> : null}
        </View>
        {w.items.length ? (
          <View className="win-items">
            {w.items.map((it) => (
              <ItemRow key={it.id} item={it} />
            ))}
          </View>
        ) : (
          <Empty text="这个窗口暂未公布可办理事项" hint="请直接咨询窗口工作人员" />
        )}
      </View>

      {/* After what the window handles: a citizen rates once served, not before (issue 14). */}
      <RateCard windowId={w.id} />

      <View className="zw-card win-report">
        <Text className="zw-h2 win-block">对服务有意见？</Text>
        <Text className="win-block win-report__text">遇到推诿、刁难或者事情没办成，可以在这里反映，我们会转给有关部门办理并答复您。</Text>
        <Button
          className="zw-button zw-button--ghost win-report__button"
          onClick={() => void go('newCase', { type: '投诉', targetType: 'window', targetId: w.id })}
        >
          反映问题
        </Button>
      </View>

      <View className="zw-card win-hall" role="link" onClick={() => void go('hall', { id: w.hallId })}>
        <View className="win-hall__body">
          <Text className="zw-muted win-block">所在大厅</Text>
          <Text className="win-hall__name win-block">{w.hall.name}</Text>
          <Text className="zw-muted win-block">{w.hall.address}</Text>
          <Text className="win-hall__more win-block">查看办公时间、电话和交通</Text>
        </View>
        <Text className="win-chevron win-chevron--big">›</Text>
      </View>

      <View className="win-home" role="link" onClick={() => void Taro.reLaunch({ url: pagePaths.home })}>
        <Text>回到首页</Text>
      </View>
    </View>
  );
}

function ItemRow({ item }: { item: ServiceItemSummary }) {
  return (
    <View className="win-item" role="link" onClick={() => void go('item', { id: item.id })}>
      <View className="win-item__body">
        <Text className="win-item__name">{item.name}</Text>
        <View className="win-item__tags">
          <Text className="zw-tag">{item.itemType}</Text>
          {item.visitsNeeded <= 1 ? <Text className="zw-tag win-tag--green">{visitsLabel(item.visitsNeeded)}</Text> : null}
          <Text className="zw-muted win-item__limit">{limitLabel(item.promisedLimitDays)}</Text>
        </View>
      </View>
      <Text className="win-chevron">›</Text>
    </View>
  );
}
