import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { SignOutButton } from '../components/SignOutButton';
import { StaffGate } from '../components/StaffGate';
import { StaffPasswordChange } from '../components/StaffPasswordChange';
import { focusPageStart } from '../focus';
import { useFormat } from '../i18n/format';
import { Link, useRouter } from '../router';
import { useStaffSession } from '../session';
import { Circulation } from './Circulation';
import { DeskSearch } from './DeskSearch';
import { HoldShelf } from './HoldShelf';
import { Register } from './Register';
import { DeskRequests } from './Requests';
import { Returns } from './Returns';
import { useScanCatcher } from './scan-catcher';
import { Verify } from './Verify';
import { Withdraw } from './Withdraw';

/** The staff member's own password, from the bar (not a numbered desk screen). */
const PASSWORD_PATH = '/desk/password';

const PAGES = [
  { path: '/desk', key: 'circulation', shortcut: 'F2' },
  { path: '/desk/returns', key: 'returns', shortcut: 'F4' },
  { path: '/desk/register', key: 'register', shortcut: 'F8' },
  { path: '/desk/verify', key: 'verify', shortcut: 'F9' },
  { path: '/desk/withdraw', key: 'withdraw', shortcut: 'F7' },
  { path: '/desk/search', key: 'search', shortcut: 'F3' },
  { path: '/desk/holds', key: 'holds', shortcut: 'F6' },
  { path: '/desk/requests', key: 'requests', shortcut: 'F10' },
] as const;

/** Function keys move between the desk's screens; a scanner only types digits and Enter. */
function useDeskShortcuts() {
  const { navigate } = useRouter();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const page = PAGES.find((p) => p.shortcut === event.key);
      if (!page || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      navigate(page.path);
      // The same page again does not change the path: put the cursor back in its first field.
      window.setTimeout(() => focusPageStart(true), 0);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);
}

/** The information desk: keyboard first, a scanner types digits and Enter. */
function DeskPages() {
  const { t } = useTranslation();
  const format = useFormat();
  const { path } = useRouter();
  const session = useStaffSession();
  const staff = session.staff!;
  const library = session.library!;
  const current = PAGES.find((p) => p.path === path) ?? PAGES[0];
  const changingPassword = path === PASSWORD_PATH;
  // The desk opens (or signing in ends) with the cursor in the page's scan field.
  useEffect(() => focusPageStart(true), []);
  return (
    <div className="area desk">
      <div className="desk-bar">
        <p className="desk-where">
          <span className="desk-library">{format.name(library)}</span>
          <span className="muted">{` · ${staff.displayName}`}</span>
        </p>
        <Link to={PASSWORD_PATH} aria-current={changingPassword ? 'page' : undefined}>
          {t('staffPasswordChange.link')}
        </Link>
        <SignOutButton signOut={session.signOut} />
      </div>
      <nav className="sub-nav desk-nav" aria-label={t('desk.nav')}>
        {PAGES.map((page) => (
          <Link
            key={page.key}
            to={page.path}
            aria-current={page.key === current.key && !changingPassword ? 'page' : undefined}
            aria-keyshortcuts={page.shortcut}
          >
            {t(`desk.page.${page.key}`)}
            <kbd>{page.shortcut}</kbd>
          </Link>
        ))}
      </nav>
      {library.status !== 'participating' ? (
        <p className="notice notice-warn">{t('desk.notParticipating')}</p>
      ) : null}
      {changingPassword ? (
        <StaffPasswordChange forced={false} />
      ) : (
        <>
          {current.key === 'circulation' ? <Circulation /> : null}
          {current.key === 'returns' ? <Returns /> : null}
          {current.key === 'register' ? <Register /> : null}
          {current.key === 'verify' ? <Verify /> : null}
          {current.key === 'withdraw' ? <Withdraw /> : null}
          {current.key === 'search' ? <DeskSearch /> : null}
          {current.key === 'requests' ? <DeskRequests /> : null}
          {current.key === 'holds' ? <HoldShelf /> : null}
        </>
      )}
    </div>
  );
}

/** The information desk: keyboard first, a scanner types digits and Enter. */
export function DeskArea() {
  // From the first second: the function keys, and a scan typed while the desk is still opening.
  useDeskShortcuts();
  useScanCatcher();
  return (
    <StaffGate area="desk">
      <DeskPages />
    </StaffGate>
  );
}
