import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { ReminderTemplate } from '@zw/shared';
import { errorText } from '../format';
import { issue11Api, type StaffReminderResults } from '../services/issue11';
import { staffApi } from '../services/staff-api';
import { rememberWechatBound, updateUser, type StaffSession } from '../../../services/staff-session';
import { subscribeResultsOf } from './reminders';
import './staff.css';

/** requestSubscribeMessage takes at most three templates a call. */
const MAX_TEMPLATES = 3;

/**
 * In WeChat only: bind this WeChat to the staff account (one-tap login next time,
 * and reminders from the outbox), and ask for the staff reminder templates the BFF
 * has configured (新待办; 督办, 黄牌, 红牌). WeChat accepts requestSubscribeMessage
 * only inside a tap, before anything is awaited, so the templates are loaded when
 * the card appears and the request is the first thing each tap does; what was
 * answered (refusals too: they are recorded as "not subscribed") goes to the BFF.
 */
export default function BindWechat({ session }: { session: StaffSession }) {
  const [bound, setBound] = useState(session.user.wechatBound);
  const [busy, setBusy] = useState(false);
  const [templates, setTemplates] = useState<ReminderTemplate[] | null>(null);
  const [longTerm, setLongTerm] = useState(false);
  const weapp = process.env.TARO_ENV === 'weapp';

  useEffect(() => {
    if (!weapp) return;
    issue11Api.reminderTemplates().then(
      (t) => {
        setTemplates(t.staff.slice(0, MAX_TEMPLATES));
        setLongTerm(t.longTerm);
      },
      // No templates known: binding still works; there is just nothing to subscribe to.
      () => setTemplates([]),
    );
  }, [weapp]);

  if (!weapp) return null;

  /** Synchronous up to the request: call it first in a tap handler. */
  const ask = (): Promise<StaffReminderResults | null> | null => {
    const ids = (templates ?? []).map((t) => t.templateId);
    if (!ids.length) return null;
    return Taro.requestSubscribeMessage({ tmplIds: ids, entityIds: [] } as never).then(
      (answer) => subscribeResultsOf(answer, ids),
      () => null,
    );
  };

  const report = async (asked: Promise<StaffReminderResults | null>) => {
    const results = await asked;
    if (!results || !Object.keys(results).length) {
      void Taro.showToast({ title: '没有开启提醒，可稍后再试', icon: 'none' });
      return;
    }
    try {
      await issue11Api.saveStaffReminders(results);
    } catch (err) {
      void Taro.showToast({ title: errorText(err, '提醒设置没有保存成功，请稍后再试'), icon: 'none' });
      return;
    }
    const accepted = Object.values(results).filter((v) => v === 'accept').length;
    void Taro.showToast({ title: accepted ? `已开启 ${accepted} 项提醒` : '未开启提醒', icon: 'none' });
  };

  const bind = async () => {
    // First, inside the tap: WeChat refuses the request once anything has been awaited.
    const asked = ask();
    setBusy(true);
    try {
      const user = await staffApi.bindWechat();
      updateUser(user);
      rememberWechatBound();
      setBound(true);
      void Taro.showToast({ title: '已绑定微信', icon: 'success' });
    } catch (err) {
      void Taro.showToast({ title: errorText(err, '绑定没有成功，请稍后再试'), icon: 'none' });
      return;
    } finally {
      setBusy(false);
    }
    // Reported once the account is bound, so the BFF knows which WeChat the consent belongs to.
    if (asked) await report(asked);
  };

  const subscribe = () => {
    const asked = ask();
    if (asked) void report(asked);
  };

  const labels = (templates ?? []).map((t) => t.label).join('、');
  if (bound && !templates?.length) return null;
  return (
    <View className="zw-card st-bind-wechat">
      {bound ? (
        <View className="st-contact">
          <Text className="zw-muted">{`通过微信提醒您：${labels}。${longTerm ? '' : '每次开启可收到一条提醒，收到后可再开启。'}`}</Text>
          <Button className="zw-btn st-subscribe" onClick={subscribe}>
            开启提醒
          </Button>
        </View>
      ) : (
        <View className="st-contact">
          <Text className="zw-muted">{`绑定微信后，下次可一键登录${labels ? `，并能收到${labels}` : ''}。`}</Text>
          <Button className="zw-btn st-bind" loading={busy} disabled={busy || templates === null} onClick={() => void bind()}>
            绑定微信
          </Button>
        </View>
      )}
    </View>
  );
}
