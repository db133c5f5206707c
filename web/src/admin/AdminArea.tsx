import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLibraries } from '../api/directory';
import { SelectField } from '../components/Field';
import { PageTitle } from '../components/Page';
import { SignOutButton } from '../components/SignOutButton';
import { StaffPasswordChange } from '../components/StaffPasswordChange';
import { useFormat } from '../i18n/format';
import { Link, useRouter } from '../router';
import { useStaffSession } from '../session';
import { AuditLog } from './AuditLog';
import { Calendar } from './CalendarPage';
import { CheckInGroups } from './CheckInGroups';
import { Dashboard } from './Dashboard';
import { ImportItems } from './ImportItems';
import { LibraryFactsPage } from './LibraryFactsPage';
import { LoanRulesPage } from './LoanRulesPage';
import { NetworkHolidays } from './NetworkHolidays';
import { Libraries } from './NetworkLibraries';
import { NetworkRulesPage } from './NetworkRulesPage';
import { NoticesPage } from './NoticesPage';
import { StaffPage } from './StaffPage';
import { PickerSlot } from './slot';
import { Terminals } from './TerminalsPage';

const LIBRARY_PAGES = [
  { path: '/admin', key: 'dashboard' },
  { path: '/admin/facts', key: 'facts' },
  { path: '/admin/rules', key: 'rules' },
  { path: '/admin/calendar', key: 'calendar' },
  { path: '/admin/staff', key: 'staff' },
  { path: '/admin/terminals', key: 'terminals' },
  { path: '/admin/import', key: 'import' },
  { path: '/admin/notices', key: 'notices' },
  { path: '/admin/audit', key: 'audit' },
] as const;

const NETWORK_PAGES = [
  { path: '/admin/libraries', key: 'libraries' },
  { path: '/admin/groups', key: 'groups' },
  { path: '/admin/network-rules', key: 'networkRules' },
  { path: '/admin/holidays', key: 'holidays' },
] as const;

type PageKey = (typeof LIBRARY_PAGES)[number]['key'] | (typeof NETWORK_PAGES)[number]['key'];

/** The network admin picks the library to manage; a library admin manages their own. */
function LibraryPicker({
  value,
  onChange,
  allowNetwork,
}: {
  value: number | null;
  onChange(value: number | null): void;
  allowNetwork: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const libraries = useLibraries();
  return (
    <SelectField
      className="library-picker"
      label={t('admin.library')}
      value={value === null ? '' : String(value)}
      onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}
    >
      {allowNetwork ? <option value="">{t('admin.wholeNetwork')}</option> : null}
      {(libraries.data ?? []).map((library) => (
        <option key={library.id} value={library.id}>
          {format.name(library)}
        </option>
      ))}
    </SelectField>
  );
}

const MANAGED_LIBRARY = 'library-one.admin.library';

/**
 * The library the network admin manages, kept for the browser tab so that a reload keeps it (it
 * fell back to their own library without a word); a library admin always manages their own.
 */
function useRememberedLibrary(own: number, network: boolean) {
  const [libraryId, setLibraryId] = useState<number>(() => {
    const kept = network ? Number(globalThis.sessionStorage?.getItem(MANAGED_LIBRARY)) : 0;
    return Number.isSafeInteger(kept) && kept > 0 ? kept : own;
  });
  const choose = (id: number) => {
    setLibraryId(id);
    globalThis.sessionStorage?.setItem(MANAGED_LIBRARY, String(id));
  };
  return [libraryId, choose] as const;
}

/** Administration: a library admin runs their library, the network admin the network. */
export function AdminPages() {
  const { t } = useTranslation();
  const format = useFormat();
  const { path } = useRouter();
  const session = useStaffSession();
  const staff = session.staff!;
  const network = staff.role === 'network_admin';
  const [libraryId, setLibraryId] = useRememberedLibrary(staff.libraryId, network);
  // The statistics and the audit log: the whole network's, or one library's.
  const [overviewScope, setOverviewScope] = useState<number | null>(
    network ? null : staff.libraryId,
  );
  const pages = network ? [...LIBRARY_PAGES, ...NETWORK_PAGES] : [...LIBRARY_PAGES];
  const current: PageKey = pages.find((p) => p.path === path)?.key ?? 'dashboard';
  const changingPassword = path === '/admin/password';
  const libraryScoped = !changingPassword && LIBRARY_PAGES.some((p) => p.key === current);
  let picker: ReactNode = null;
  if (libraryScoped && network) {
    picker =
      current === 'dashboard' || current === 'audit' ? (
        <LibraryPicker value={overviewScope} onChange={setOverviewScope} allowNetwork />
      ) : (
        <LibraryPicker
          value={libraryId}
          onChange={(id) => setLibraryId(id ?? staff.libraryId)}
          allowNetwork={false}
        />
      );
  }

  if (staff.role === 'desk') {
    return (
      <div className="narrow">
        <PageTitle>{t('admin.title')}</PageTitle>
        <p className="notice notice-warn">{t('admin.deskOnly')}</p>
        <div className="button-row">
          <Link to="/desk" className="button primary">
            {t('areas.desk')}
          </Link>
          <SignOutButton signOut={session.signOut} className="button">
            {t('admin.otherAccount')}
          </SignOutButton>
        </div>
      </div>
    );
  }

  return (
    <div className="area admin">
      <div className="desk-bar">
        <p className="desk-where">
          <span className="desk-library">{format.name(session.library!)}</span>
          <span className="muted">{` · ${staff.displayName} · ${t(`staff.role.${staff.role}`)}`}</span>
        </p>
        <Link to="/admin/password" aria-current={changingPassword ? 'page' : undefined}>
          {t('staffPasswordChange.link')}
        </Link>
        <SignOutButton signOut={session.signOut} />
      </div>
      <div className="admin-layout">
        <nav className="admin-nav" aria-label={t('admin.nav')}>
          <p className="admin-nav-title">{t('admin.libraryPages')}</p>
          <ul>
            {LIBRARY_PAGES.map((page) => (
              <li key={page.key}>
                <Link
                  to={page.path}
                  aria-current={page.key === current && !changingPassword ? 'page' : undefined}
                >
                  {t(`admin.page.${page.key}`)}
                </Link>
              </li>
            ))}
          </ul>
          {network ? (
            <>
              <p className="admin-nav-title">{t('admin.networkPages')}</p>
              <ul>
                {NETWORK_PAGES.map((page) => (
                  <li key={page.key}>
                    <Link to={page.path} aria-current={page.key === current ? 'page' : undefined}>
                      {t(`admin.page.${page.key}`)}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </nav>
        <div className="admin-main">
          <PickerSlot.Provider value={picker}>
            {changingPassword ? <StaffPasswordChange forced={false} /> : null}
            {current === 'dashboard' && !changingPassword ? (
              <Dashboard libraryId={overviewScope} />
            ) : null}
            {current === 'audit' ? <AuditLog libraryId={overviewScope} /> : null}
            {current === 'facts' ? <LibraryFactsPage libraryId={libraryId} /> : null}
            {current === 'rules' ? <LoanRulesPage libraryId={libraryId} /> : null}
            {current === 'calendar' ? <Calendar libraryId={libraryId} /> : null}
            {current === 'staff' ? <StaffPage libraryId={libraryId} /> : null}
            {current === 'terminals' ? <Terminals libraryId={libraryId} /> : null}
            {current === 'import' ? <ImportItems libraryId={libraryId} /> : null}
            {current === 'notices' ? <NoticesPage libraryId={libraryId} /> : null}
            {current === 'libraries' ? <Libraries /> : null}
            {current === 'groups' ? <CheckInGroups /> : null}
            {current === 'networkRules' ? <NetworkRulesPage /> : null}
            {current === 'holidays' ? <NetworkHolidays /> : null}
          </PickerSlot.Provider>
        </div>
      </div>
    </div>
  );
}
