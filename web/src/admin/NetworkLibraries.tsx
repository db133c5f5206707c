import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import { groupByRegion, useLibraries } from '../api/directory';
import type { Library, LibraryChanges } from '../api/types';
import { ConfirmButton } from '../components/ConfirmButton';
import { Field } from '../components/Field';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useAction } from '../hooks';
import { useFormat } from '../i18n/format';
import { LibraryStatus } from '../portal/Directory';
import { LibraryFactsForm } from './LibraryFactsPage';
import { Saved, useSavedThenReload } from './library-page';

/** A library's card; `withRegion` where no region heading above it says the region. */
function LibraryEditor({
  library,
  onSaved,
  withRegion = false,
}: {
  library: Library;
  onSaved(message: string): void;
  withRegion?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [plannedStart, setPlannedStart] = useState(library.plannedStart ?? '');
  const [names, setNames] = useState({ nameKo: library.nameKo, nameEn: library.nameEn });
  const action = useAction();
  const patch = async (body: LibraryChanges, message: string) => {
    const result = await action.run(() =>
      answer(
        api.PATCH('/api/v1/libraries/{libraryId}', {
          params: { path: { libraryId: library.id } },
          body,
        }),
      ),
    );
    if (result) onSaved(message);
    return result !== undefined;
  };
  const savePlannedStart = (event: FormEvent) => {
    event.preventDefault();
    void patch(
      { plannedStart: plannedStart || null },
      t('network.saved', { name: format.name(library) }),
    );
  };
  const saveNames = (event: FormEvent) => {
    event.preventDefault();
    const renamed = { nameKo: names.nameKo.trim(), nameEn: names.nameEn.trim() };
    void patch(renamed, t('network.saved', { name: format.name(renamed) }));
  };
  return (
    <li className="library-card admin-library">
      <div className="library-card-head">
        <h3>{format.name(library)}</h3>
        <LibraryStatus library={library} />
      </div>
      {withRegion ? <p className="muted">{format.name(library.region)}</p> : null}
      {library.status === 'planned' ? (
        // Its desks start lending at once, and its members see it as open: asked first.
        <ConfirmButton
          label={t('network.start')}
          subject={format.name(library)}
          question={t('network.startQuestion', { name: format.name(library) })}
          yes={t('network.startYes')}
          busy={action.busy}
          onConfirm={() =>
            patch({ status: 'participating' }, t('network.started', { name: format.name(library) }))
          }
        />
      ) : null}
      <details>
        <summary>{t('network.edit')}</summary>
        <form className="form" onSubmit={saveNames}>
          <Field
            label={t('network.nameKo')}
            value={names.nameKo}
            onValue={(nameKo) => setNames({ ...names, nameKo })}
            required
            maxLength={100}
          />
          <Field
            label={t('network.nameEn')}
            hint={t('network.namesHint', { code: library.code })}
            value={names.nameEn}
            onValue={(nameEn) => setNames({ ...names, nameEn })}
            required
            maxLength={100}
          />
          <button type="submit" className="button" disabled={action.busy}>
            {t('network.saveNames')}
          </button>
        </form>
        {library.status === 'planned' ? (
          <form className="form" onSubmit={savePlannedStart}>
            <Field
              label={t('network.plannedStart')}
              type="date"
              value={plannedStart}
              onValue={setPlannedStart}
            />
            <button type="submit" className="button" disabled={action.busy}>
              {t('common.save')}
            </button>
          </form>
        ) : null}
        <LibraryFactsForm library={library} onSaved={() => onSaved('')} />
        {library.status === 'participating' ? (
          // A library closed for months (works): it stops lending, and what waits there with it.
          <ConfirmButton
            label={t('network.pause')}
            subject={format.name(library)}
            question={t('network.pauseQuestion', { name: format.name(library) })}
            yes={t('network.pauseYes')}
            busy={action.busy}
            onConfirm={() =>
              patch({ status: 'planned' }, t('network.paused', { name: format.name(library) }))
            }
          />
        ) : null}
      </details>
      <ProblemAlert problem={action.problem} />
    </li>
  );
}

/** Libraries of the network: planned → participating, listing details. */
export function Libraries() {
  const { t } = useTranslation();
  const format = useFormat();
  const libraries = useLibraries();
  const { saved, onSaved } = useSavedThenReload(libraries.reload);
  const planned = (libraries.data ?? []).filter((l) => l.status === 'planned').length;
  return (
    <div>
      <PageTitle>{t('admin.page.libraries')}</PageTitle>
      <p className="lead">
        {t('network.librariesLead', {
          total: format.number(libraries.data?.length ?? 0),
          planned: format.number(planned),
        })}
      </p>
      <Saved text={saved} />
      <ProblemAlert problem={libraries.problem} />
      {!libraries.data ? <Loading /> : null}
      {planned > 0 ? (
        <section className="region-group" aria-labelledby="planned-title">
          <h2 id="planned-title">{t('network.plannedTitle')}</h2>
          <ul className="library-list">
            {(libraries.data ?? [])
              .filter((library) => library.status === 'planned')
              .map((library) => (
                <LibraryEditor
                  key={`planned-${library.id}`}
                  library={library}
                  onSaved={onSaved}
                  withRegion
                />
              ))}
          </ul>
        </section>
      ) : null}
      {groupByRegion((libraries.data ?? []).filter((l) => l.status !== 'planned')).map((group) => (
        <section key={group.region.code} className="region-group">
          <h2>{format.name(group.region)}</h2>
          <ul className="library-list">
            {group.libraries.map((library) => (
              <LibraryEditor
                key={`${library.id}-${library.status}`}
                library={library}
                onSaved={onSaved}
              />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
