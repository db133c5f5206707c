import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import { groupByRegion, useLibraries } from '../api/directory';
import type { CheckInGroup, Library, LibraryChanges, NetworkRules } from '../api/types';
import { Field } from '../components/Field';
import { SubmitButton } from '../components/FormParts';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useAction, useResource } from '../hooks';
import { useFormat } from '../i18n/format';
import { LibraryStatus } from '../portal/Directory';

function LibraryEditor({ library, onSaved }: { library: Library; onSaved(message: string): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [phone, setPhone] = useState(library.phone ?? '');
  const [hoursKo, setHoursKo] = useState(library.openingHours.ko ?? '');
  const [hoursEn, setHoursEn] = useState(library.openingHours.en ?? '');
  const [plannedStart, setPlannedStart] = useState(library.plannedStart ?? '');
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
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    void patch(
      {
        phone: phone.trim() || null,
        openingHoursKo: hoursKo.trim() || null,
        openingHoursEn: hoursEn.trim() || null,
        ...(library.status === 'planned' ? { plannedStart: plannedStart || null } : {}),
      },
      t('network.saved', { name: format.name(library) }),
    );
  };
  return (
    <li className="library-card admin-library">
      <div className="library-card-head">
        <h3>{format.name(library)}</h3>
        <LibraryStatus library={library} />
      </div>
      <p className="muted">{format.name(library.region)}</p>
      {library.status === 'planned' ? (
        <button
          type="button"
          className="button primary"
          disabled={action.busy}
          onClick={() =>
            void patch(
              { status: 'participating' },
              t('network.started', { name: format.name(library) }),
            )
          }
        >
          {t('network.start')}
        </button>
      ) : null}
      <details>
        <summary>{t('network.edit')}</summary>
        <form className="form" onSubmit={save}>
          <Field
            label={t('library.phone')}
            type="tel"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
          />
          <Field
            label={t('network.hoursKo')}
            lang="ko"
            value={hoursKo}
            onChange={(e) => setHoursKo(e.target.value)}
          />
          <Field
            label={t('network.hoursEn')}
            lang="en"
            value={hoursEn}
            onChange={(e) => setHoursEn(e.target.value)}
          />
          {library.status === 'planned' ? (
            <Field
              label={t('network.plannedStart')}
              type="date"
              value={plannedStart}
              onChange={(e) => setPlannedStart(e.target.value)}
            />
          ) : null}
          <button type="submit" className="button" disabled={action.busy}>
            {t('common.save')}
          </button>
        </form>
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
  const [saved, setSaved] = useState('');
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
      <p className="sr-status saved" role="status">
        {saved}
      </p>
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
                  onSaved={(message) => {
                    setSaved(message);
                    libraries.reload();
                  }}
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
                onSaved={(message) => {
                  setSaved(message);
                  libraries.reload();
                }}
              />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function GroupForm({
  group,
  libraries,
  onSaved,
}: {
  group?: CheckInGroup;
  libraries: Library[];
  onSaved(message: string): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [nameKo, setNameKo] = useState(group?.nameKo ?? '');
  const [nameEn, setNameEn] = useState(group?.nameEn ?? '');
  const [members, setMembers] = useState<number[]>(group?.libraries.map((l) => l.id) ?? []);
  const action = useAction();
  const prefix = group ? `group-${group.id}` : 'group-new';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { nameKo: nameKo.trim(), nameEn: nameEn.trim(), libraryIds: members };
    const result = await action.run(() =>
      group
        ? answer(
            api.PUT('/api/v1/check-in-groups/{groupId}', {
              params: { path: { groupId: group.id } },
              body,
            }),
          )
        : answer(api.POST('/api/v1/check-in-groups', { body })),
    );
    if (result) {
      onSaved(t('groups.saved', { name: format.name(result) }));
      if (!group) {
        setNameKo('');
        setNameEn('');
        setMembers([]);
      }
    }
  };
  return (
    <form className="form group-form" onSubmit={submit}>
      <div className="grid-fields">
        <Field
          label={t('groups.nameKo')}
          lang="ko"
          required
          value={nameKo}
          onChange={(e) => setNameKo(e.target.value)}
        />
        <Field
          label={t('groups.nameEn')}
          lang="en"
          required
          value={nameEn}
          onChange={(e) => setNameEn(e.target.value)}
        />
      </div>
      <fieldset className="fieldset group-libraries">
        <legend>{t('groups.libraries')}</legend>
        {groupByRegion(libraries).map((region) => (
          <div key={region.region.code} className="check-group">
            <p className="check-group-title">{format.name(region.region)}</p>
            {region.libraries.map((library) => (
              <div className="check" key={library.id}>
                <input
                  id={`${prefix}-${library.id}`}
                  type="checkbox"
                  checked={members.includes(library.id)}
                  onChange={(e) =>
                    setMembers(
                      e.target.checked
                        ? [...members, library.id]
                        : members.filter((id) => id !== library.id),
                    )
                  }
                />
                <label htmlFor={`${prefix}-${library.id}`}>{format.name(library)}</label>
              </div>
            ))}
          </div>
        ))}
      </fieldset>
      <ProblemAlert problem={action.problem} />
      <SubmitButton busy={action.busy}>
        {group ? t('common.save') : t('groups.create')}
      </SubmitButton>
    </form>
  );
}

/** Check-in groups: a check-in at one library of a group covers the whole group. */
export function CheckInGroups() {
  const { t } = useTranslation();
  const format = useFormat();
  const libraries = useLibraries();
  const groups = useResource('check-in-groups', () => answer(api.GET('/api/v1/check-in-groups')));
  const [saved, setSaved] = useState('');
  const onSaved = (message: string) => {
    setSaved(message);
    groups.reload();
  };
  return (
    <div>
      <PageTitle>{t('admin.page.groups')}</PageTitle>
      <p className="lead">{t('groups.lead')}</p>
      <p className="sr-status saved" role="status">
        {saved}
      </p>
      <ProblemAlert problem={groups.problem ?? libraries.problem} />
      {!groups.data || !libraries.data ? (
        <Loading />
      ) : (
        <>
          {groups.data.groups.length === 0 ? <p className="muted">{t('groups.none')}</p> : null}
          <ul className="group-list">
            {groups.data.groups.map((group) => (
              <li key={group.id} className="panel">
                <h2>{format.name(group)}</h2>
                <p>{group.libraries.map((l) => format.name(l)).join(', ')}</p>
                <details>
                  <summary>{t('groups.edit')}</summary>
                  <GroupForm group={group} libraries={libraries.data!} onSaved={onSaved} />
                </details>
              </li>
            ))}
          </ul>
          <section className="panel" aria-labelledby="new-group">
            <h2 id="new-group">{t('groups.new')}</h2>
            <GroupForm libraries={libraries.data} onSaved={onSaved} />
          </section>
        </>
      )}
    </div>
  );
}

export function NetworkRulesPage() {
  const { t } = useTranslation();
  const current = useResource('network-rules', () => answer(api.GET('/api/v1/network-rules')));
  const [rules, setRules] = useState<NetworkRules>();
  const [capText, setCapText] = useState('');
  const [saved, setSaved] = useState('');
  const action = useAction();
  useEffect(() => {
    if (!current.data) return;
    setRules(current.data);
    setCapText(
      current.data.maxSuspensionDays === null ? '' : String(current.data.maxSuspensionDays),
    );
  }, [current.data]);
  if (current.problem) return <ProblemAlert problem={current.problem} />;
  if (!rules) return <Loading />;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved('');
    const result = await action.run(() =>
      answer(
        api.PUT('/api/v1/network-rules', {
          body: { ...rules, maxSuspensionDays: capText.trim() === '' ? null : Number(capText) },
        }),
      ),
    );
    if (result) {
      setRules(result);
      setSaved(t('admin.rulesSaved'));
    }
  };
  return (
    <div>
      <PageTitle>{t('admin.page.networkRules')}</PageTitle>
      <form className="form panel" onSubmit={submit}>
        <Field
          label={t('network.loanLimit')}
          hint={t('network.loanLimitHint')}
          type="number"
          min={0}
          max={1000}
          required
          value={rules.networkLoanLimit}
          onChange={(e) => setRules({ ...rules, networkLoanLimit: Number(e.target.value) })}
        />
        <fieldset className="fieldset">
          <legend>{t('network.mode')}</legend>
          {(['longest', 'cumulative'] as const).map((mode) => (
            <div className="check" key={mode}>
              <input
                id={`mode-${mode}`}
                type="radio"
                name="suspensionMode"
                checked={rules.suspensionMode === mode}
                onChange={() => setRules({ ...rules, suspensionMode: mode })}
              />
              <label htmlFor={`mode-${mode}`}>
                <strong>{t(`network.modes.${mode}`)}</strong>
                <span className="hint block">{t(`network.modes.${mode}Hint`)}</span>
              </label>
            </div>
          ))}
        </fieldset>
        <Field
          label={t('network.cap')}
          hint={t('network.capHint')}
          type="number"
          min={1}
          max={3650}
          value={capText}
          onChange={(e) => setCapText(e.target.value)}
        />
        <p className="hint">{t('admin.rulesHint')}</p>
        <ProblemAlert problem={action.problem} />
        <p className="sr-status saved" role="status">
          {saved}
        </p>
        <SubmitButton busy={action.busy}>{t('common.save')}</SubmitButton>
      </form>
    </div>
  );
}
