import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { staffRoleLabels, type ContentStatus } from '@zw/shared';
import { pagePaths } from '@zw/shared/paths';
import { homeOf, toLogin, type StaffSession } from '../../../services/staff-session';
import './editor.css';

/*
 * Pieces only the editor pages use. The shared ones (Banner, Field, FieldError,
 * Chip) are the main package's kit: components/kit.
 */

const statusLabels: Record<ContentStatus, string> = { draft: '草稿', published: '已发布' };

export function StatusBadge({ status }: { status: ContentStatus }) {
  return <Text className={`ed-status ed-status--${status}`}>{statusLabels[status]}</Text>;
}

/** Who is signed in, the way back to the content list, and the way out. */
export function EditorHeader({ session, title, back }: { session: StaffSession; title: string; back?: boolean }) {
  const u = session.user;
  const logout = () => {
    void Taro.showModal({ title: '退出登录', content: '退出后需要重新登录才能编辑内容。', confirmText: '退出', cancelText: '取消' }).then(
      (r) => {
        if (r.confirm) toLogin('logout');
      },
    );
  };
  return (
    <View className="zw-page-head">
      <View className="zw-page-head__who">
        <Text className="ed-head__title">{title}</Text>
        <Text className="ed-head__sub">{`${u.name} · ${staffRoleLabels[u.role]}`}</Text>
      </View>
      <View className="ed-head__links">
        {back ? (
          <View className="ed-head__link ed-to-list" role="link" onClick={() => void Taro.redirectTo({ url: pagePaths.editorList })}>
            内容列表
          </View>
        ) : u.role === 'admin' ? (
          <View className="ed-head__link" role="link" onClick={() => void Taro.redirectTo({ url: homeOf(u) })}>
            诉求办理
          </View>
        ) : null}
        <View className="ed-head__link ed-logout" role="button" onClick={logout}>
          退出
        </View>
      </View>
    </View>
  );
}

/** A staff account without the editor role: what happened and what to do, never a half-working page. */
export function NoAccess({ session }: { session: StaffSession }) {
  return (
    <View className="zw-card ed-denied" role="alert">
      <Text className="ed-denied__title">无权限</Text>
      <Text className="ed-denied__text">{`您的账号（${staffRoleLabels[session.user.role]}）不能编辑政务公开内容。如需编辑，请联系系统管理员开通政务公开专员权限。`}</Text>
      <Button className="zw-button ed-denied__home" onClick={() => void Taro.redirectTo({ url: homeOf(session.user) })}>
        返回我的工作台
      </Button>
    </View>
  );
}
