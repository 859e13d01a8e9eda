import { useEffect } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { HallDetail } from '@zw/shared';
import { pagePaths } from '@zw/shared/paths';
import Page from '../../components/Page';
import { Empty, ErrorState, Loading } from '../../components/PageState';
import { shareTitle, useShare } from '../../hooks/useShare';
import { useRequest } from '../../hooks/useRequest';
import { api } from '../../services/api';
import { copyText } from '../../services/clipboard';
import { go, idParam } from '../../services/nav';
import { idFromParams } from '../qr/parse';
import './index.css';

/** A longer text split into lines at `sep` (kept when it ends a sentence, dropped when it only separates). */
function lines(text: string, sep: '。' | '；'): string[] {
  return text
    .split(sep)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (sep === '。' ? `${s}${sep}` : s));
}

function call(phone: string) {
  Taro.makePhoneCall({ phoneNumber: phone.replace(/[^\d+]/g, '') }).catch(() => undefined);
}

/** 服务大厅: where it is, when it is open, how to get there, and its windows. */
export default function Screen() {
  const { params } = useRouter();
  const id = idParam(idFromParams(params));
  const req = useRequest<HallDetail>(() => (id ? api.hall(id) : Promise.reject(new Error('链接不完整，没有找到要查看的大厅'))), [id]);

  const shown = req.status === 'done' ? req.data.name : null;
  useShare(() => ({ title: shareTitle(shown), path: id ? `${pagePaths.hall}?id=${id}` : pagePaths.home }));

  useEffect(() => {
    if (req.status === 'done') void Taro.setNavigationBarTitle({ title: req.data.name }).catch(() => undefined);
  }, [req.status, req.data]);

  return (
    <Page className="hall">
      {req.status === 'loading' ? <Loading /> : null}
      {req.status === 'error' ? (
        <View>
          <ErrorState message={req.error} onRetry={id ? () => void req.reload() : undefined} />
          <View className="hall-home" role="link" onClick={() => void Taro.reLaunch({ url: pagePaths.home })}>
            <Text>回到首页</Text>
          </View>
        </View>
      ) : null}
      {req.status === 'done' ? <HallView h={req.data} /> : null}
    </Page>
  );
}

function HallView({ h }: { h: HallDetail }) {
  const directions = h.directions ? lines(h.directions, '。') : [];
  return (
    <View>
      <View className="zw-card hall-head">
        <Text className="zw-title hall-block">{h.name}</Text>
        <View className="hall-head__tags">
          <Text className="zw-tag">政务服务大厅</Text>
          <Text className="zw-tag">{h.windowCount} 个服务窗口</Text>
        </View>

        <View className="hall-info">
          <Text className="hall-info__label">地址</Text>
          <View className="hall-info__row">
            <Text className="hall-info__value" userSelect>
              {h.address}
            </Text>
            <Button className="zw-button zw-button--ghost hall-info__action" onClick={() => void copyText(h.address)}>
              复制地址
            </Button>
          </View>
        </View>

        <View className="hall-info">
          <Text className="hall-info__label">办公时间</Text>
          {lines(h.hours, '；').map((line, i) => (
            <Text key={i} className="hall-info__value hall-block">
              {line}
            </Text>
          ))}
        </View>

        <View className="hall-info">
          <Text className="hall-info__label">咨询电话</Text>
          <View className="hall-info__row">
            <Text className="hall-info__value hall-info__phone" userSelect>
              {h.phone}
            </Text>
            <Button className="zw-button hall-info__action" onClick={() => call(h.phone)}>
              拨打
            </Button>
          </View>
        </View>
      </View>

      {directions.length ? (
        <View className="zw-card">
          <Text className="zw-h2 hall-block">怎么到这里</Text>
          {directions.map((line, i) => (
            <View key={i} className="hall-dir">
              <Text className="hall-dir__dot" />
              <Text className="hall-dir__text">{line}</Text>
            </View>
          ))}
        </View>
      ) : null}

      <View className="zw-card">
        <View className="hall-section-head">
          <Text className="zw-h2">服务窗口</Text>
          {h.windows.length ? <Text className="zw-muted">点窗口查看可办事项</Text> : null}
        </View>
        {h.windows.length ? (
          <View className="hall-windows">
            {h.windows.map((w) => (
              <View key={w.id} className="hall-window" role="link" onClick={() => void go('window', { id: w.id })}>
                <Text className="hall-window__number">{w.number}</Text>
                <View className="hall-window__body">
                  <Text className="hall-window__name">{w.name}</Text>
                  <Text className="zw-muted hall-block">{w.department ? w.department.name : '综合窗口'}</Text>
                </View>
                <Text className="hall-chevron">›</Text>
              </View>
            ))}
          </View>
        ) : (
          <Empty text="这个大厅暂未公布服务窗口" hint={`可以拨打 ${h.phone} 咨询`} />
        )}
      </View>

      {h.description ? (
        <View className="zw-card">
          <Text className="zw-h2 hall-block">大厅介绍</Text>
          <Text className="hall-desc">{h.description}</Text>
        </View>
      ) : null}

      <View className="hall-home" role="link" onClick={() => void Taro.reLaunch({ url: pagePaths.home })}>
        <Text>回到首页</Text>
      </View>
    </View>
  );
}
