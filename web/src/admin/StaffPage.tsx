import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import type { Staff } from '../api/types';
import { ConfirmButton } from '../components/ConfirmButton';
import { DataTable } from '../components/DataTable';
import { Field, SelectField } from '../components/Field';
import { NewPasswordField, SubmitButton } from '../components/FormParts';
import { Loading } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useResource, useSaving } from '../hooks';
import { useStaffSession } from '../session';
import { EnabledBadge, LibraryHeading, Saved, useLibrary } from './library-page';

type StaffRole = Staff['role'];

export function StaffPage({ libraryId }: { libraryId: number }) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const detail = useLibrary(libraryId);
  const path = { libraryId };
  const list = useResource(`admin-staff-${libraryId}`, () =>
    answer(api.GET('/api/v1/libraries/{libraryId}/staff', { params: { path } })),
  );
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<StaffRole>('desk');
  const [password, setPassword] = useState('');
  const [oneTime, setOneTime] = useState<{ name: string; password: string }>();
  const form = useSaving();
  /** The new account's form says its refusal beside its fields, not at the top of the page. */
  const create = useSaving();
  const roles: StaffRole[] =
    session.staff?.role === 'network_admin'
      ? ['desk', 'library_admin', 'network_admin']
      : ['desk', 'library_admin'];
  /** Only a network admin manages a network admin's account (the service refuses it otherwise). */
  const canManage = (role: StaffRole) => roles.includes(role);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { username: username.trim(), displayName: displayName.trim(), role, password };
    // One sentence on the page at a time: the last action's, not an older one beside it.
    forget(form);
    const result = await create.save(
      () => answer(api.POST('/api/v1/libraries/{libraryId}/staff', { params: { path }, body })),
      (staff) => t('admin.staffCreated', { name: staff.displayName }),
    );
    if (result) {
      setUsername('');
      setDisplayName('');
      setPassword('');
      list.reload();
    }
  };
  const toggle = async (staff: Staff) => {
    // The last reset's one-time password is not news beside another account's change.
    setOneTime(undefined);
    forget(create);
    const result = await form.save(
      () =>
        answer(
          api.POST('/api/v1/staff/{staffId}/disabled', {
            params: { path: { staffId: staff.id } },
            body: { disabled: !staff.disabled },
          }),
        ),
      (changed) =>
        changed.disabled
          ? t('admin.staffDisabled', { name: changed.displayName })
          : t('admin.staffEnabled', { name: changed.displayName }),
    );
    if (result) list.reload();
    return result !== undefined;
  };
  const resetPassword = async (staff: Staff) => {
    setOneTime(undefined);
    forget(create);
    const result = await form.save(
      () =>
        answer(
          api.POST('/api/v1/staff/{staffId}/password-reset', {
            params: { path: { staffId: staff.id } },
          }),
        ),
      () => t('admin.staffPasswordReset', { name: staff.displayName }),
    );
    if (result) setOneTime({ name: staff.displayName, password: result.oneTimePassword });
    return result !== undefined;
  };
  return (
    <div>
      <LibraryHeading page="staff" library={detail.data?.library} />
      <ProblemAlert problem={list.problem} />
      <ProblemAlert problem={form.problem} />
      <Saved text={form.saved} />
      {oneTime ? <OneTimePassword {...oneTime} onDone={() => setOneTime(undefined)} /> : null}
      {list.data ? (
        <DataTable
          caption={t('admin.page.staff')}
          captionHidden
          columns={[
            t('admin.displayName'),
            t('staffSignIn.username'),
            t('admin.role'),
            t('admin.state'),
            { hidden: t('desk.actions') },
          ]}
        >
          {list.data.staff.map((staff) => (
            <tr key={staff.id}>
              <td className="person-name">{staff.displayName}</td>
              <td className="mono">{staff.username}</td>
              <td>{t(`staff.role.${staff.role}`)}</td>
              <td>
                <EnabledBadge disabled={staff.disabled} />
              </td>
              <td>
                {staff.id === session.staff?.id ? null : !canManage(staff.role) ? (
                  // A library admin sees the network admin placed at this library, not its buttons.
                  <span className="muted">{t('admin.managedByNetwork')}</span>
                ) : (
                  <div className="button-row">
                    {staff.disabled ? (
                      <button
                        type="button"
                        className="button small"
                        disabled={form.busy}
                        onClick={() => void toggle(staff)}
                      >
                        {t('admin.enable')}
                      </button>
                    ) : (
                      // Signs the account out everywhere at once: asked first.
                      <ConfirmButton
                        label={t('admin.disable')}
                        subject={staff.displayName}
                        question={t('admin.disableQuestion', { name: staff.displayName })}
                        yes={t('admin.disableYes')}
                        busy={form.busy}
                        onConfirm={() => toggle(staff)}
                      />
                    )}
                    <ConfirmButton
                      label={t('admin.resetPassword')}
                      question={t('admin.resetPasswordQuestion', { name: staff.displayName })}
                      yes={t('admin.resetPasswordYes')}
                      busy={form.busy}
                      onConfirm={() => resetPassword(staff)}
                    />
                  </div>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <Loading />
      )}
      <form className="form panel" onSubmit={submit}>
        <h2>{t('admin.newStaff')}</h2>
        <div className="grid-fields">
          <Field
            label={t('staffSignIn.username')}
            hint={t('admin.usernameHint')}
            autoComplete="off"
            autoCapitalize="none"
            required
            value={username}
            onValue={setUsername}
          />
          <Field
            label={t('admin.displayName')}
            required
            value={displayName}
            onValue={setDisplayName}
          />
          <SelectField
            label={t('admin.role')}
            value={role}
            onChange={(e) => setRole(e.target.value as StaffRole)}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`staff.role.${r}`)}
              </option>
            ))}
          </SelectField>
          <NewPasswordField value={password} onValue={setPassword} />
        </div>
        <ProblemAlert problem={create.problem} />
        <Saved text={create.saved} />
        <SubmitButton busy={create.busy}>{t('admin.createStaff')}</SubmitButton>
      </form>
    </div>
  );
}

/** A reset's one-time password, shown once: it is not kept anywhere the page can read again. */
function OneTimePassword({
  name,
  password,
  onDone,
}: {
  name: string;
  password: string;
  onDone(): void;
}) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-label={t('admin.oneTimePasswordTitle')}>
      <h2>{t('admin.oneTimePasswordTitle')}</h2>
      <p>{t('admin.oneTimePasswordFor', { name })}</p>
      <p className="mono strong" data-testid="one-time-password">
        {password}
      </p>
      <p className="muted">{t('admin.oneTimePasswordNote')}</p>
      <button type="button" className="button small" onClick={onDone}>
        {t('admin.oneTimePasswordDone')}
      </button>
    </section>
  );
}

/** Takes an earlier action's sentence and refusal off the page. */
function forget(action: ReturnType<typeof useSaving>) {
  action.setSaved('');
  action.clear();
}
