import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { ApiError, answer, api, onUnauthenticated, setCsrfToken } from './api/client';
import type { FullMember, Library, Staff } from './api/types';

type SessionState = 'loading' | 'signedOut' | 'signedIn';

function isSignedOut(error: unknown): boolean {
  return error instanceof ApiError && ['UNAUTHENTICATED', 'FORBIDDEN'].includes(error.code);
}

/**
 * Ends the session on the server; throws (an ApiError the caller shows) when that could not be
 * done, so nobody walks away from a shared PC believing they signed out.
 */
async function endSession(): Promise<void> {
  await answer(api.POST('/api/v1/sign-out'));
  setCsrfToken(null);
}

interface MemberSession {
  state: SessionState;
  member: FullMember | undefined;
  signIn(login: string, password: string): Promise<void>;
  /** Rejects with an ApiError when the session could not be ended. */
  signOut(): Promise<void>;
  refresh(): Promise<void>;
}

const MemberContext = createContext<MemberSession | null>(null);

/** The member portal's session (cookie + CSRF token), loaded once per visit. */
export function MemberSessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>('loading');
  const [member, setMember] = useState<FullMember>();

  const refresh = useCallback(async () => {
    try {
      const me = await answer(api.GET('/api/v1/me'));
      // The schema names both views of a member; a member always sees themself in full.
      if (me.visibility === 'full') setMember(me);
      setState('signedIn');
    } catch (error) {
      if (!isSignedOut(error)) throw error;
      setMember(undefined);
      setState('signedOut');
    }
  }, []);

  useEffect(() => {
    refresh().catch(() => setState('signedOut'));
    return onUnauthenticated(() => {
      setMember(undefined);
      setState('signedOut');
    });
  }, [refresh]);

  const signIn = useCallback(
    async (login: string, password: string) => {
      const session = await answer(
        api.POST('/api/v1/members/sign-in', { body: { login: login.trim(), password } }),
      );
      setCsrfToken(session.csrfToken);
      await refresh();
    },
    [refresh],
  );

  const signOut = useCallback(async () => {
    await endSession();
    setMember(undefined);
    setState('signedOut');
  }, []);

  const value = useMemo(
    () => ({ state, member, signIn, signOut, refresh }),
    [state, member, signIn, signOut, refresh],
  );
  return <MemberContext.Provider value={value}>{children}</MemberContext.Provider>;
}

export function useMemberSession(): MemberSession {
  const session = useContext(MemberContext);
  if (!session) throw new Error('useMemberSession outside MemberSessionProvider');
  return session;
}

interface StaffSession {
  state: SessionState;
  staff: Staff | undefined;
  /** The library the staff member works at (desk work happens only there). */
  library: Library | undefined;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** Reads the signed-in staff member again (after a password change). */
  refresh(): Promise<void>;
}

const StaffContext = createContext<StaffSession | null>(null);

export function StaffSessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>('loading');
  const [staff, setStaff] = useState<Staff>();
  const [library, setLibrary] = useState<Library>();

  const load = useCallback(async () => {
    try {
      const me = await answer(api.GET('/api/v1/staff/me'));
      if (me.mustChangePassword) {
        // A one-time password allows one thing only: choosing a new one.
        setStaff(me);
        setLibrary(undefined);
        setState('signedIn');
        return;
      }
      const { library: own } = await answer(
        api.GET('/api/v1/libraries/{libraryId}', { params: { path: { libraryId: me.libraryId } } }),
      );
      setStaff(me);
      setLibrary(own);
      setState('signedIn');
    } catch (error) {
      if (!isSignedOut(error)) throw error;
      setStaff(undefined);
      setState('signedOut');
    }
  }, []);

  useEffect(() => {
    load().catch(() => setState('signedOut'));
    return onUnauthenticated(() => {
      setStaff(undefined);
      setState('signedOut');
    });
  }, [load]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const session = await answer(
        api.POST('/api/v1/staff/sign-in', { body: { username: username.trim(), password } }),
      );
      setCsrfToken(session.csrfToken);
      await load();
    },
    [load],
  );

  const signOut = useCallback(async () => {
    await endSession();
    setStaff(undefined);
    setState('signedOut');
  }, []);

  const value = useMemo(
    () => ({ state, staff, library, signIn, signOut, refresh: load }),
    [state, staff, library, signIn, signOut, load],
  );
  return <StaffContext.Provider value={value}>{children}</StaffContext.Provider>;
}

export function useStaffSession(): StaffSession {
  const session = useContext(StaffContext);
  if (!session) throw new Error('useStaffSession outside StaffSessionProvider');
  return session;
}
