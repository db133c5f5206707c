import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import type { Library } from '../api/types';
import { SubmitButton } from '../components/FormParts';
import { PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { Badge } from '../components/StatusBadge';
import { StatusLine } from '../components/StatusLine';
import { useResource, type useSaving } from '../hooks';
import { useFormat } from '../i18n/format';
import { usePicker } from './slot';

/** What every page of a library's administration starts from: the library and its holidays. */
export function useLibrary(libraryId: number) {
  return useResource(`admin-library-${libraryId}`, () =>
    answer(api.GET('/api/v1/libraries/{libraryId}', { params: { path: { libraryId } } })),
  );
}

/** The end of a rules form: when changes apply, what was refused or saved, and Save. */
export function RulesFormEnd({
  form,
  saveLabel,
  hint,
}: {
  form: ReturnType<typeof useSaving>;
  /** A page with two forms names what each one saves. */
  saveLabel?: string;
  /** What a change does to what is under way (the loan rules' by default). */
  hint?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <p className="hint">{hint ?? t('admin.rulesHint')}</p>
      <ProblemAlert problem={form.problem} />
      <Saved text={form.saved} />
      <SubmitButton busy={form.busy}>{saveLabel ?? t('common.save')}</SubmitButton>
    </>
  );
}

/** The last save's sentence, and the callback a list's forms call with it (the list reloads). */
export function useSavedThenReload(reload: () => void) {
  const [saved, setSaved] = useState('');
  const onSaved = (message: string) => {
    setSaved(message);
    reload();
  };
  return { saved, onSaved };
}

export function Saved({ text }: { text: string }) {
  return <StatusLine text={text} className="saved" />;
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
      {library?.status === 'planned' ? (
        // Set up before it lends: its desks will refuse every loan until the network admin says go.
        <p className="notice notice-info">{t('admin.plannedLibrary')}</p>
      ) : null}
    </>
  );
}
