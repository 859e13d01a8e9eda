import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { staffRoleLabels } from '@zw/shared';
import { toLogin, type StaffSession } from '../../../services/staff-session';
import './staff.css';

/** Who is signed in, the page's main action (`action`, e.g. 代为登记), and the way out. */
export default function StaffHeader({ session, title, action }: { session: StaffSession; title?: string; action?: ReactNode }) {
  const u = session.user;
  const logout = () => {
    void Taro.showModal({ title: '退出登录', content: '退出后需要重新登录才能办理诉求。', confirmText: '退出', cancelText: '取消' }).then(
      (r) => {
        if (r.confirm) toLogin('logout');
      },
    );
  };
  return (
    <View className="zw-page-head">
      <View className="zw-page-head__who">
        <Text className="st-head__name">{title ?? `${u.name}，您好`}</Text>
        <Text className="st-head__dept">{`${u.department?.name ?? '全县各部门'} · ${staffRoleLabels[u.role]}${title ? ` · ${u.name}` : ''}`}</Text>
      </View>
      {action}
      <View className="st-head__out st-logout" role="button" onClick={logout}>
        退出登录
      </View>
    </View>
  );
}
