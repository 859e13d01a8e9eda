import { useEffect, useState } from 'react'
import { getSession, toLogin, type StaffSession } from '../services/session'

/** The signed-in staff member, or null while the page sends them to the login page. */
export function useStaffSession(): StaffSession | null {
  const [session] = useState(getSession)
  useEffect(() => {
    if (!session) toLogin('expired')
  }, [session])
  return session
}
