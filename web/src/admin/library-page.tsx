import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import type { Library } from '../api/types';
import { PageTitle } from '../components/Page';
import { Badge } from '../components/StatusBadge';
import { useResource } from '../hooks';
import { useFormat } from '../i18n/format';
import { usePicker } from './slot';

/** What every page of a library's administration starts from: the library and its holidays. */
export function useLibrary(libraryId: number) {
  return useResource(`admin-library-${libraryId}`, () =>
    answer(api.GET('/api/v1/libraries/{libraryId}', { params: { path: { libraryId } } })),
  );
}

export function Saved({ text }: { text: string }) {
  return (
    <p className="sr-status saved" role="status">
      {text}
    </p>
  );
}

export function EnabledBadge({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  return disabled ? (
    <Badge tone="neutral">{t('admin.disabled')}</Badge>
  ) : (
    <Badge tone="ok">{t('admin.enabled')}</Badge>
  );
}

export function LibraryHeading({ page, library }: { page: string; library: Library | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const picker = usePicker();
  const title = t(`admin.page.${page}`);
  return (
    <>
      <PageTitle title={title}>
        {title}
        {library ? <span className="title-sub">{format.name(library)}</span> : null}
      </PageTitle>
      {picker}
    </>
  );
}
