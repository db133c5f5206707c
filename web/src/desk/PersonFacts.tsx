import { useTranslation } from 'react-i18next';
import type { Member } from '../api/types';
import { Fact } from '../components/Fact';
import { formatPhone, useFormat } from '../i18n/format';

/**
 * A member's personal facts on a desk's card: birth date, phone, e-mail and guardian where the
 * desk may see the member in full; else only the masked phone and e-mail (rules.md "What people
 * see"). Lines of a `<dl className="facts">`.
 */
export function PersonFacts({ member }: { member: Member }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (member.visibility !== 'full') {
    return (
      <>
        <Fact label={t('person.phone')}>{member.maskedPhone ?? '—'}</Fact>
        <Fact label={t('person.email')} className="break">
          {member.maskedEmail ?? '—'}
        </Fact>
      </>
    );
  }
  return (
    <>
      <Fact label={t('person.birthDate')}>
        {member.birthDate ? format.date(member.birthDate, false) : '—'}
      </Fact>
      <Fact label={t('person.phone')}>{formatPhone(member.phone)}</Fact>
      {member.email ? (
        <Fact label={t('person.email')} className="break">
          {member.email}
        </Fact>
      ) : null}
      {member.guardian ? (
        <Fact label={t('person.guardian')}>
          {`${member.guardian.name} (${member.guardian.relationship})`}
        </Fact>
      ) : null}
    </>
  );
}
