import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useRouter } from '../router';

/** The page's one h1 (focused after navigation) and the document title. */
export function PageTitle({ children, title }: { children: ReactNode; title?: string }) {
  const { t } = useTranslation();
  const text = title ?? (typeof children === 'string' ? children : undefined);
  useEffect(() => {
    if (text) document.title = `${text} · ${t('app.title')}`;
  }, [text, t]);
  return (
    <h1 className="page-title" tabIndex={-1}>
      {children}
    </h1>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="muted" role="status">
      {t('common.loading')}
    </p>
  );
}

/** "← 목록으로": back where the reader came from (a list, results), else to `fallback`. */
export function BackLink({ fallback }: { fallback: string }) {
  const { t } = useTranslation();
  const { navigate } = useRouter();
  return (
    <p>
      <Link
        to={fallback}
        onClick={(e) => {
          if (window.history.length > 1) {
            e.preventDefault();
            window.history.back();
          } else navigate(fallback);
        }}
      >
        {t('common.back')}
      </Link>
    </p>
  );
}
