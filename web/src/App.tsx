import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminPages } from './admin/AdminArea';
import { CatalogueSearchBox } from './components/Catalogue';
import { JoinLinks } from './components/JoinLinks';
import { LanguageSwitch } from './components/LanguageSwitch';
import { PageTitle } from './components/Page';
import { StaffGate } from './components/StaffGate';
import { DeskArea } from './desk/DeskArea';
import { focusPageStart } from './focus';
import { PortalArea } from './portal/PortalArea';
import { areaOf, Link, RouterProvider, useRouter } from './router';
import { StaffSessionProvider } from './session';

/** The public menu names the member's area only; staff find theirs by the footer's link. */
const PUBLIC_AREAS = ['portal'] as const;
const STAFF_AREAS = ['desk', 'admin'] as const;

/**
 * After a page change, focus what the page asks for (a scan field), at the desk its first field,
 * or its heading.
 */
function useFocusOnNavigation(path: string) {
  const last = useRef(path);
  useEffect(() => {
    if (last.current === path) return;
    last.current = path;
    const id = window.setTimeout(() => focusPageStart(areaOf(path) === 'desk'), 0);
    return () => window.clearTimeout(id);
  }, [path]);
}

/** The catalogue search goes first on the home page, above everything else (issue 18). */
function CatalogueSearchSlot() {
  return (
    <section className="home-search">
      <CatalogueSearchBox variant="home" />
    </section>
  );
}

/**
 * The header's search box, on every public page but the home page (which has its own, larger):
 * on the results page it shows the query being answered.
 */
function HeaderSearch() {
  const { path, query } = useRouter();
  if (path === '/') return null;
  const q = path === '/portal/search' ? (query.get('q') ?? '') : '';
  return <CatalogueSearchBox key={q} variant="header" initial={q} />;
}

const JOIN_STEPS = ['apply', 'verify', 'borrow', 'card'] as const;
/** The home page's ways on: the library directory and the member's own library. */
const HOME_AREAS = [
  { to: '/portal', name: 'portal.libraries', text: 'home.libraries' },
  { to: '/portal/me', name: 'portal.myLibrary', text: 'home.myLibrary' },
] as const;

/**
 * The public front door: what the service is, how to join (steps and the 회원가입 button), and
 * the way to the libraries and one's own loans. Staff areas are not offered here: a discreet
 * link in the footer leads to them.
 */
function Home() {
  const { t } = useTranslation();
  return (
    <div className="home">
      <CatalogueSearchSlot />
      <section className="home-hero" aria-labelledby="home-title">
        <PageTitle>
          <span id="home-title">{t('home.title')}</span>
        </PageTitle>
        <p className="lead">{t('home.lead')}</p>
        <JoinLinks
          className="home-join"
          joinLabel={t('home.join')}
          signIn={{ to: '/portal/me', label: t('home.signIn') }}
        />
      </section>
      <section className="panel home-how" aria-labelledby="how-title">
        <h2 id="how-title">{t('home.howTitle')}</h2>
        <ol className="steps home-steps">
          {JOIN_STEPS.map((step) => (
            <li key={step}>
              <strong>{t(`home.steps.${step}`)}</strong>
              <span className="step-extra">{t(`home.steps.${step}Text`)}</span>
            </li>
          ))}
        </ol>
        <Link to="/portal/sign-up" className="button primary">
          {t('home.join')}
        </Link>
      </section>
      <section className="home-more" aria-labelledby="more-title">
        <h2 id="more-title">{t('home.moreTitle')}</h2>
        <ul className="home-areas">
          {HOME_AREAS.map((area) => (
            <li key={area.to}>
              <Link to={area.to} className="home-area">
                <span className="home-area-name">{t(area.name)}</span>
                <span className="home-area-text">{t(area.text)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function Shell() {
  const { t } = useTranslation();
  const { path } = useRouter();
  const area = areaOf(path);
  const staffArea = area === 'desk' || area === 'admin';
  useFocusOnNavigation(path);
  let page = <Home />;
  if (area === 'portal') page = <PortalArea />;
  if (area === 'desk' || area === 'admin') {
    page = (
      <StaffSessionProvider>
        {area === 'desk' ? (
          <DeskArea />
        ) : (
          <StaffGate area="admin">
            <AdminPages />
          </StaffGate>
        )}
      </StaffSessionProvider>
    );
  }
  return (
    <div className={`app area-${area}`}>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true" />
            <span className="brand-name">{t('app.name')}</span>
          </Link>
          <nav className="area-nav" aria-label={t('app.areas')}>
            {(staffArea ? STAFF_AREAS : PUBLIC_AREAS).map((name) => (
              <Link key={name} to={`/${name}`} aria-current={area === name ? 'page' : undefined}>
                {t(`areas.${name}`)}
              </Link>
            ))}
          </nav>
          {staffArea ? null : <HeaderSearch />}
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
        {staffArea ? null : (
          <p>
            <Link to="/desk" className="staff-link">
              {t('app.staffLink')}
            </Link>
          </p>
        )}
      </footer>
    </div>
  );
}

export function App() {
  return (
    <RouterProvider>
      <Shell />
    </RouterProvider>
  );
}
