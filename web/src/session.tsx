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
import { forgetVisit } from './desk/visit';

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

/**
 * Whether the browser holds a session of this kind. The session check answers 200 either way, so
 * an anonymous page asks without a 401 in the browser's console (issue 17).
 */
async function hasSession(kind: 'member' | 'staff'): Promise<boolean> {
  const session = await answer(api.GET('/api/v1/session'));
  return session.signedIn && session.kind === kind;
}

/**
 * What the portal's and the staff's sessions share: reading who is signed in (once per visit,
 * only after the session check said someone of this kind is), dropping them when the server
 * answers 401, signing in (which sets the CSRF token) and out.
 */
function useSession<Who>(
  kind: 'member' | 'staff',
  read: () => Promise<Who>,
  startSession: (login: string, password: string) => Promise<{ csrfToken: string }>,
) {
  const [state, setState] = useState<SessionState>('loading');
  const [who, setWho] = useState<Who>();

  const refresh = useCallback(async () => {
    try {
      if (!(await hasSession(kind))) {
        setWho(undefined);
        setState('signedOut');
        return;
      }
      setWho(await read());
      setState('signedIn');
    } catch (error) {
      if (!isSignedOut(error)) throw error;
      setWho(undefined);
      setState('signedOut');
    }
  }, [kind, read]);

  useEffect(() => {
    refresh().catch(() => setState('signedOut'));
    return onUnauthenticated(() => {
      setWho(undefined);
      setState('signedOut');
    });
  }, [refresh]);

  const signIn = useCallback(
    async (login: string, password: string) => {
      const session = await startSession(login.trim(), password);
      setCsrfToken(session.csrfToken);
      await refresh();
    },
    [startSession, refresh],
  );

  const signOut = useCallback(async () => {
    await endSession();
    setWho(undefined);
    setState('signedOut');
  }, []);

  return { state, who, signIn, signOut, refresh };
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

async function readMember(): Promise<FullMember | undefined> {
  const me = await answer(api.GET('/api/v1/me'));
  // The schema names both views of a member; a member always sees themself in full.
  return me.visibility === 'full' ? me : undefined;
}

const memberSignIn = (login: string, password: string) =>
  answer(api.POST('/api/v1/members/sign-in', { body: { login, password } }));

/** The member portal's session (cookie + CSRF token), loaded once per visit. */
export function MemberSessionProvider({ children }: { children: ReactNode }) {
  const { state, who, signIn, signOut, refresh } = useSession('member', readMember, memberSignIn);
  const value = useMemo(
    () => ({ state, member: who, signIn, signOut, refresh }),
    [state, who, signIn, signOut, refresh],
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

async function readStaff(): Promise<{ staff: Staff; library: Library | undefined }> {
  const me = await answer(api.GET('/api/v1/staff/me'));
  // A one-time password allows one thing only: choosing a new one.
  if (me.mustChangePassword) return { staff: me, library: undefined };
  const { library } = await answer(
    api.GET('/api/v1/libraries/{libraryId}', { params: { path: { libraryId: me.libraryId } } }),
  );
  return { staff: me, library };
}

const staffSignIn = (username: string, password: string) =>
  answer(api.POST('/api/v1/staff/sign-in', { body: { username, password } }));

export function StaffSessionProvider({ children }: { children: ReactNode }) {
  const { state, who, signIn, signOut, refresh } = useSession('staff', readStaff, staffSignIn);
  const staff = who?.staff;
  const library = who?.library;
  // Whoever signs in next at this desk does not find the last member open.
  useEffect(() => {
    if (state !== 'signedIn') forgetVisit();
  }, [state]);
  const value = useMemo(
    () => ({ state, staff, library, signIn, signOut, refresh }),
    [state, staff, library, signIn, signOut, refresh],
  );
  return <StaffContext.Provider value={value}>{children}</StaffContext.Provider>;
}

export function useStaffSession(): StaffSession {
  const session = useContext(StaffContext);
  if (!session) throw new Error('useStaffSession outside StaffSessionProvider');
  return session;
}

/**
 * Who the portal's answers are for: the signed-in member, or anonymous; null while the session
 * is being checked. Part of the key of what depends on it, so nothing is asked before the
 * session is known: a member opening a title's address is not shown the anonymous page first
 * (then "loading", then the page again), and every page asks once.
 */
export function useMemberViewer(): string | null {
  const session = useMemberSession();
  if (session.state === 'loading') return null;
  return session.state === 'signedIn' && session.member
    ? `member-${session.member.id}`
    : 'anonymous';
}
