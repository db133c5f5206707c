import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import type { FullMember } from '../api/types';
import { ContactForm } from '../components/ContactForm';
import { Fact } from '../components/Fact';
import { ProblemAlert } from '../components/ProblemAlert';
import { useResource } from '../hooks';
import { formatPhone, useFormat } from '../i18n/format';
import { MyDataDownload } from './MyData';
import { PasswordForm, PinForm } from './SecretChangeForm';
import { WithdrawalPanel } from './Withdrawal';

/** What the library knows of the member, who holds it, and their password and PIN. */
export function AccountTab({ member }: { member: FullMember }) {
  const { t } = useTranslation();
  const format = useFormat();
  const holders = useResource('me-holders', () => answer(api.GET('/api/v1/me/data-holders')));
  const [contact, setContact] = useState({ phone: member.phone, email: member.email });
  return (
    <div className="tab-panel">
      <section className="panel" aria-labelledby="me-title">
        <h2 id="me-title">{t('account.me')}</h2>
        <dl className="facts">
          <Fact label={t('person.name')} className="person-name">
            {member.name}
          </Fact>
          <Fact label={t('person.birthDate')}>
            {member.birthDate ? format.date(member.birthDate, false) : '—'}
          </Fact>
          <Fact label={t('person.phone')}>{formatPhone(contact.phone)}</Fact>
          <Fact label={t('person.email')}>{contact.email ?? '—'}</Fact>
          <Fact label={t('account.homeLibrary')}>{format.name(member.homeLibrary)}</Fact>
          <Fact label={t('account.consent')}>
            {member.consent.expiresOn
              ? t('account.consentUntil', { date: format.date(member.consent.expiresOn, false) })
              : '—'}
          </Fact>
        </dl>
      </section>
      <section className="panel" aria-labelledby="contact-title">
        <h2 id="contact-title">{t('contact.title')}</h2>
        <ContactForm
          contact={contact}
          send={(body) => answer(api.PATCH('/api/v1/me/contact', { body }))}
          onSaved={setContact}
        />
      </section>
      <section className="panel" aria-labelledby="holders-title">
        <h2 id="holders-title">{t('account.holdersTitle')}</h2>
        <p className="hint">{t('account.holdersHint')}</p>
        <ProblemAlert problem={holders.problem} />
        <ul className="plain-list">
          {(holders.data?.libraries ?? []).map((library) => (
            <li key={library.id}>
              <span>{format.name(library)}</span>
              {library.phone ? (
                <a className="muted" href={`tel:${library.phone}`}>
                  {library.phone}
                </a>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <PasswordForm />
      <PinForm />
      <MyDataDownload />
      <WithdrawalPanel />
    </div>
  );
}
