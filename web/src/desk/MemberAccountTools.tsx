import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import type { FullMember, IdDocumentType } from '../api/types';
import { ContactForm } from '../components/ContactForm';
import { FormOutcome, NewPasswordField, NewPinField } from '../components/FormParts';
import { IdDocumentSelect } from '../components/IdDocumentSelect';
import { useSaving } from '../hooks';

/**
 * What the desk does for a member who forgot their portal password or self-check PIN (after
 * checking an ID document in person), or whose phone or e-mail changed.
 */
export function MemberAccountTools({
  member,
  onChanged,
}: {
  member: FullMember;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  return (
    <details className="more-actions">
      <summary>{t('desk.account.title')}</summary>
      <CredentialsReset memberId={member.id} />
      <h3>{t('contact.title')}</h3>
      <ContactForm
        contact={{ phone: member.phone, email: member.email }}
        send={(body) =>
          answer(
            api.PATCH('/api/v1/members/{memberId}/contact', {
              params: { path: { memberId: member.id } },
              body,
            }),
          )
        }
        onSaved={onChanged}
      />
    </details>
  );
}

function CredentialsReset({ memberId }: { memberId: number }) {
  const { t } = useTranslation();
  const [idType, setIdType] = useState<IdDocumentType | ''>('');
  const [password, setPassword] = useState('');
  const [pin, setPin] = useState('');
  const form = useSaving();
  const nothingToSet = !password && !pin;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!idType || nothingToSet) return;
    const body = {
      idDocumentType: idType,
      ...(password ? { password } : {}),
      ...(pin ? { pin } : {}),
    };
    const done = await form.save(
      () =>
        answer(
          api.POST('/api/v1/members/{memberId}/credentials', {
            params: { path: { memberId } },
            body,
          }),
        ),
      () =>
        t(
          password && pin
            ? 'desk.account.bothSet'
            : password
              ? 'desk.account.passwordSet'
              : 'desk.account.pinSet',
        ),
    );
    if (done) {
      setPassword('');
      setPin('');
      setIdType('');
    }
  };
  return (
    <form className="form" aria-label={t('desk.account.resetTitle')} onSubmit={submit}>
      <h3>{t('desk.account.resetTitle')}</h3>
      <p className="hint">{t('desk.account.resetHint')}</p>
      <IdDocumentSelect value={idType} onChange={setIdType} id={`credentials-id-${memberId}`} />
      <div className="grid-fields">
        <NewPasswordField
          label={t('desk.account.newPassword')}
          required={false}
          value={password}
          onValue={setPassword}
        />
        <NewPinField label={t('desk.account.newPin')} value={pin} onValue={setPin} />
      </div>
      <FormOutcome problem={form.problem} saved={form.saved} />
      <button
        type="submit"
        className="button primary"
        disabled={form.busy || !idType || nothingToSet}
      >
        {t('desk.account.reset')}
      </button>
    </form>
  );
}
