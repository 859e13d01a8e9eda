import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { pagePaths } from '@zw/shared/paths';
import { canEdit, isSupervisor, type StaffSession } from '../../../services/staff-session';
import './staff.css';

type Tab = 'inbox' | 'supervisor' | 'figures' | 'editor';

const tabs: Record<Tab, { label: string; path: string }> = {
  supervisor: { label: '督办', path: pagePaths.staffSupervisor },
  inbox: { label: '收件箱', path: pagePaths.staffInbox },
  figures: { label: '统计', path: pagePaths.staffFigures },
  editor: { label: '内容编辑', path: pagePaths.editorList },
};

/**
 * The staff pages' own bottom bar. The app's tabBar belongs to the citizen pages
 * (and must point into the main package), so the staff subpackage switches its
 * pages with redirectTo: one page deep, the back button leaves the staff area.
 */
export default function StaffNav({ session, active }: { session: StaffSession; active: Exclude<Tab, 'editor'> }) {
  const list: Tab[] = isSupervisor(session.user) ? ['supervisor', 'inbox', 'figures'] : ['inbox', 'figures'];
  // Admins also edit the public content; the editor pages have their own way back.
  if (canEdit(session.user)) list.push('editor');
  return (
    <View className="st-nav" role="tablist">
      {list.map((t) => (
        <View
          key={t}
          className={`st-nav__item${t === active ? ' st-nav__item--on' : ''}`}
          role="tab"
          aria-selected={t === active}
          onClick={() => {
            if (t !== active) void Taro.redirectTo({ url: tabs[t].path });
          }}
        >
          <Text>{t === 'inbox' && isSupervisor(session.user) ? '全部诉求' : tabs[t].label}</Text>
        </View>
      ))}
    </View>
  );
}
