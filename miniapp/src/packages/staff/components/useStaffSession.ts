import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { getSession, here, toLogin, type StaffSession } from '../../../services/staff-session';

/** The signed-in staff member, or null while the page sends them to the login page (and back here after). */
export function useStaffSession(): StaffSession | null {
  const router = useRouter();
  const [session] = useState(getSession);
  useEffect(() => {
    if (!session) toLogin(undefined, here(router));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session]);
  return session;
}
