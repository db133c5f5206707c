import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminPages } from './admin/AdminArea';
import { LanguageSwitch } from './components/LanguageSwitch';
import { PageTitle } from './components/Page';
import { StaffGate } from './components/StaffGate';
import { DeskArea } from './desk/DeskArea';
import { focusPageStart } from './focus';
import { PortalArea } from './portal/PortalArea';
import { Link, RouterProvider, useRouter } from './router';
import { StaffSessionProvider } from './session';

type Area = 'home' | 'portal' | 'desk' | 'admin';

const AREAS = ['portal', 'desk', 'admin'] as const;

function areaOf(path: string): Area {
  for (const area of AREAS) {
    if (path === `/${area}` || path.startsWith(`/${area}/`)) return area;
  }
  return 'home';
}

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

function Home() {
  const { t } = useTranslation();
  return (
    <div className="home">
      <PageTitle>{t('home.title')}</PageTitle>
      <p className="lead">{t('home.lead')}</p>
      <ul className="home-areas">
        {AREAS.map((name) => (
          <li key={name}>
            <Link to={`/${name}`} className="home-area">
              <span className="home-area-name">{t(`areas.${name}`)}</span>
              <span className="home-area-text">{t(`home.${name}`)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Shell() {
  const { t } = useTranslation();
  const { path } = useRouter();
  const area = areaOf(path);
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
            {AREAS.map((name) => (
              <Link key={name} to={`/${name}`} aria-current={area === name ? 'page' : undefined}>
                {t(`areas.${name}`)}
              </Link>
            ))}
          </nav>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
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
