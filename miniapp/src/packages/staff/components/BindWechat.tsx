import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { errorText } from '../format';
import { staffApi } from '../services/staff-api';
import { rememberWechatBound, updateUser, type StaffSession } from '../../../services/staff-session';
import './staff.css';

/** Subscription template for "new case in your department" (must match the BFF's WX_TEMPLATE_ASSIGNED). */
const ASSIGNED_TEMPLATE = (process.env.TARO_APP_WX_TEMPLATE_ASSIGNED ?? '').trim();

/**
 * In WeChat only: bind this WeChat to the staff account (one-tap login next
 * time, and new-case notifications from the outbox), then ask for the
 * subscription. WeChat only allows that request from a tap, hence its own button.
 */
export default function BindWechat({ session }: { session: StaffSession }) {
  const [bound, setBound] = useState(session.user.wechatBound);
  const [busy, setBusy] = useState(false);
  if (process.env.TARO_ENV !== 'weapp') return null;

  const bind = async () => {
    setBusy(true);
    try {
      const user = await staffApi.bindWechat();
      updateUser(user);
      rememberWechatBound();
      setBound(true);
      void Taro.showToast({ title: '已绑定微信', icon: 'success' });
    } catch (err) {
      void Taro.showToast({ title: errorText(err, '绑定没有成功，请稍后再试'), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const subscribe = () => {
    if (!ASSIGNED_TEMPLATE) return;
    Taro.requestSubscribeMessage({ tmplIds: [ASSIGNED_TEMPLATE], entityIds: [] } as never).then(
      (r) =>
        void Taro.showToast({
          title: (r as unknown as Record<string, string>)[ASSIGNED_TEMPLATE] === 'accept' ? '已开启新诉求提醒' : '未开启提醒',
          icon: 'none',
        }),
      () => void Taro.showToast({ title: '没有开启提醒，可稍后再试', icon: 'none' }),
    );
  };

  if (bound && !ASSIGNED_TEMPLATE) return null;
  return (
    <View className="zw-card">
      {bound ? (
        <View className="st-contact">
          <Text className="zw-muted">本部门有新诉求时，通过微信提醒您。</Text>
          <Button className="zw-btn" onClick={subscribe}>
            开启提醒
          </Button>
        </View>
      ) : (
        <View className="st-contact">
          <Text className="zw-muted">绑定微信后，下次可一键登录，并能收到新诉求提醒。</Text>
          <Button className="zw-btn" loading={busy} disabled={busy} onClick={() => void bind()}>
            绑定微信
          </Button>
        </View>
      )}
    </View>
  );
}
