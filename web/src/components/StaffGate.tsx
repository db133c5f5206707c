import type { ReactNode } from 'react';
import { useStaffSession } from '../session';
import { Loading } from './Page';
import { StaffPasswordChange } from './StaffPasswordChange';
import { StaffSignIn } from './StaffSignIn';

/**
 * The desk's and the administration's door: a signed-in staff member with their library sees
 * the area; after a one-time password, only the password change; otherwise the sign-in.
 */
export function StaffGate({ area, children }: { area: 'desk' | 'admin'; children: ReactNode }) {
  const session = useStaffSession();
  if (session.state === 'loading') return <Loading />;
  if (session.staff?.mustChangePassword) return <StaffPasswordChange />;
  if (session.state === 'signedOut' || !session.staff || !session.library) {
    return <StaffSignIn area={area} />;
  }
  return children;
}
