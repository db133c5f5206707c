import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import { groupByRegion, useLibraries } from '../api/directory';
import type { CheckInGroup, Library } from '../api/types';
import { NameFields, SubmitButton } from '../components/FormParts';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useAction, useResource } from '../hooks';
import { useFormat } from '../i18n/format';
import { Saved, useSavedThenReload } from './library-page';

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
        <NameFields
          labels={[t('groups.nameKo'), t('groups.nameEn')]}
          values={[nameKo, nameEn]}
          onValues={[setNameKo, setNameEn]}
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
  const { saved, onSaved } = useSavedThenReload(groups.reload);
  return (
    <div>
      <PageTitle>{t('admin.page.groups')}</PageTitle>
      <p className="lead">{t('groups.lead')}</p>
      <Saved text={saved} />
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
