import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSaving } from '../hooks';
import { Field } from './Field';
import { FormOutcome, SubmitButton } from './FormParts';

export interface Contact {
  phone: string | null;
  email: string | null;
}

/**
 * A member's phone and e-mail, changed by the member in the portal or by the desk. An emptied
 * field is sent as `null` (removed); the service refuses to remove both.
 */
export function ContactForm({
  contact,
  send,
  onSaved,
}: {
  contact: Contact;
  send(body: Contact): Promise<Contact>;
  onSaved(contact: Contact): void;
}) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState(contact.phone ?? '');
  const [email, setEmail] = useState(contact.email ?? '');
  const form = useSaving();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { phone: phone.trim() || null, email: email.trim() || null };
    const saved = await form.save(
      () => send(body),
      () => t('contact.saved'),
    );
    if (saved) onSaved(saved);
  };
  return (
    <form className="form" aria-label={t('contact.title')} onSubmit={submit}>
      <p className="hint">{t('person.contactHint')}</p>
      <div className="grid-fields">
        <Field
          label={t('person.phone')}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          placeholder="010-1234-5678"
          value={phone}
          onValue={setPhone}
        />
        <Field
          label={t('person.email')}
          type="email"
          autoComplete="email"
          value={email}
          onValue={setEmail}
        />
      </div>
      <FormOutcome problem={form.problem} saved={form.saved} />
      <SubmitButton busy={form.busy}>{t('contact.save')}</SubmitButton>
    </form>
  );
}
