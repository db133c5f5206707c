import {
  type AnchorHTMLAttributes,
  createContext,
  type MouseEvent,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';

interface RouterValue {
  path: string;
  query: URLSearchParams;
  navigate(to: string, options?: { replace?: boolean }): void;
}

export type Area = 'home' | 'portal' | 'desk' | 'admin';

const AREAS = ['portal', 'desk', 'admin'] as const;

/** The app's area a path is in: the member's portal, the desk, administration, or home. */
export function areaOf(path: string): Area {
  for (const area of AREAS) {
    if (path === `/${area}` || path.startsWith(`/${area}/`)) return area;
  }
  return 'home';
}

const RouterContext = createContext<RouterValue>({
  path: '/',
  query: new URLSearchParams(),
  navigate: () => {},
});

function currentLocation() {
  return { path: window.location.pathname, search: window.location.search };
}

/** A small history router: the app's paths are few (/portal…, /desk…, /admin…). */
export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState(currentLocation);
  useEffect(() => {
    const onPop = () => setLocation(currentLocation());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((to: string, options: { replace?: boolean } = {}) => {
    if (options.replace) window.history.replaceState(null, '', to);
    else window.history.pushState(null, '', to);
    setLocation(currentLocation());
    window.scrollTo?.(0, 0);
  }, []);
  const value = useMemo(
    () => ({
      path: location.path.replace(/\/+$/, '') || '/',
      query: new URLSearchParams(location.search),
      navigate,
    }),
    [location, navigate],
  );
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  return useContext(RouterContext);
}

/** `/portal/libraries/:id` against a path: the parameters, or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const h = have[i]!;
    if (w.startsWith(':')) params[w.slice(1)] = decodeURIComponent(h);
    else if (w !== h) return null;
  }
  return params;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string; children: ReactNode };

export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const { navigate, path } = useRouter();
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  const current = path === to ? 'page' : undefined;
  return (
    <a href={to} onClick={handle} aria-current={rest['aria-current'] ?? current} {...rest}>
      {children}
    </a>
  );
}
