import { useTranslation } from 'react-i18next';
import { Loading, PageTitle } from '../components/Page';
import { SignOutButton } from '../components/SignOutButton';
import { Link, matchPath, useRouter } from '../router';
import { MemberSessionProvider, useMemberSession } from '../session';
import { LibraryDetail, LibraryDirectory } from './Directory';
import { MyLibrary } from './MyLibrary';
import { PrivacyPolicyPage } from './PrivacyPolicy';
import { CatalogueSearchPage } from './Search';
import { SignIn } from './SignIn';
import { SignUp } from './SignUp';
import { TitlePage } from './TitlePage';

function PortalNav() {
  const { t } = useTranslation();
  const { path } = useRouter();
  const session = useMemberSession();
  const at = (prefix: string) =>
    path === prefix || path.startsWith(`${prefix}/`) ? ('page' as const) : undefined;
  return (
    <nav className="sub-nav" aria-label={t('portal.nav')}>
      <Link
        to="/portal"
        aria-current={
          path === '/portal' || path.startsWith('/portal/libraries') ? 'page' : undefined
        }
      >
        {t('portal.libraries')}
      </Link>
      {session.state === 'signedIn' ? (
        <>
          <Link to="/portal/me" aria-current={at('/portal/me')}>
            {t('portal.myLibrary')}
          </Link>
          <SignOutButton signOut={session.signOut} />
        </>
      ) : (
        <>
          <Link to="/portal/sign-in" aria-current={at('/portal/sign-in')}>
            {t('common.signIn')}
          </Link>
          <Link to="/portal/sign-up" aria-current={at('/portal/sign-up')}>
            {t('portal.signUp')}
          </Link>
        </>
      )}
      <Link to="/portal/privacy" aria-current={at('/portal/privacy')}>
        {t('privacy.title')}
      </Link>
    </nav>
  );
}

/** Where sign-in goes on (`?next=`): a page of the portal (a title, say), else 내 서재. */
function returnTarget(next: string | null): string {
  return next && /^\/portal\/[\w/-]*$/.test(next) ? next : '/portal/me';
}

function PortalPage() {
  const { path, query } = useRouter();
  const session = useMemberSession();
  const library = matchPath('/portal/libraries/:id', path);
  if (library) return <LibraryDetail id={Number(library.id)} />;
  const title = matchPath('/portal/titles/:id', path);
  if (title) return <TitlePage id={Number(title.id)} />;
  if (path === '/portal/search') return <CatalogueSearchPage />;
  if (path === '/portal/sign-up') return <SignUp />;
  if (path === '/portal/sign-in') return <SignIn returnTo={returnTarget(query.get('next'))} />;
  if (path === '/portal/privacy') return <PrivacyPolicyPage />;
  if (path === '/portal/me' || path.startsWith('/portal/me/')) {
    if (session.state === 'loading') return <Loading />;
    if (session.state === 'signedOut') return <SignIn returnTo={path} />;
    return <MyLibrary />;
  }
  if (path === '/portal' || path === '/portal/libraries') return <LibraryDirectory />;
  return <PageNotFound />;
}

/** An address the portal has no page for (mistyped, or an old link): said, with ways on. */
function PageNotFound() {
  const { t } = useTranslation();
  return (
    <div>
      <PageTitle>{t('portal.notFoundTitle')}</PageTitle>
      <p>{t('portal.notFoundText')}</p>
      <ul className="plain-list">
        <li>
          <Link to="/portal">{t('portal.libraries')}</Link>
        </li>
        <li>
          <Link to="/portal/search">{t('catalogue.label')}</Link>
        </li>
      </ul>
    </div>
  );
}

/** The member portal: phone first, Korean first. */
export function PortalArea() {
  return (
    <MemberSessionProvider>
      <div className="area portal">
        <PortalNav />
        <PortalPage />
      </div>
    </MemberSessionProvider>
  );
}
