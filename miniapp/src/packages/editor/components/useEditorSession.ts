import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { canEdit, getSession, here, toLogin, type StaffSession } from '../../../services/staff-session';

export type EditorSession = { session: StaffSession | null; allowed: boolean };

/**
 * The signed-in editor. Without a session the page sends them to the staff
 * login and back here after; a staff account without the editor role gets
 * `allowed: false`, and the page says 无权限 (the API would answer 403 anyway).
 */
export function useEditorSession(): EditorSession {
  const router = useRouter();
  const [session] = useState(getSession);
  useEffect(() => {
    if (!session) toLogin(undefined, here(router));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session]);
  return { session, allowed: !!session && canEdit(session.user) };
}
