import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api, localProblem } from '../api/client';
import type { Card, IdDocumentType } from '../api/types';
import { Barcode } from '../components/Barcode';
import { ConsentBlock } from '../components/ConsentBlock';
import { NewPasswordField, NewPinField, SubmitButton } from '../components/FormParts';
import { IdDocumentSelect } from '../components/IdDocumentSelect';
import { EMPTY_PERSON, PersonFields, personBody } from '../components/MemberForm';
import { PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { groupedCardNumber } from '../components/StatusBadge';
import { useFocusWhenLost } from '../focus';
import { useAction } from '../hooks';
import { useFormat } from '../i18n/format';
import { Link } from '../router';
import { useStaffSession } from '../session';

/** A card just issued; `noPin` when the member has no self-check PIN yet (where to choose it). */
export function IssuedCard({
  name,
  card,
  noPin = false,
}: {
  name: string;
  card: Card;
  noPin?: boolean;
}) {
  const { t } = useTranslation();
  // The button that issued it is gone with its form: the new card takes the keyboard.
  const issued = useFocusWhenLost<HTMLHeadingElement>(card.number);
  return (
    <section className="panel issued" aria-labelledby="issued-title">
      <h2 id="issued-title" ref={issued} tabIndex={-1}>
        {t('register.issued', { name })}
      </h2>
      <Barcode value={card.number} />
      <p className="card-number">{groupedCardNumber(card.number)}</p>
      {noPin ? <p className="hint">{t('register.noPinYet')}</p> : null}
      <Link to={`/desk?card=${card.number}`} className="button primary">
        {t('register.toCirculation')}
      </Link>
    </section>
  );
}

/** A walk-in member in one step: ID checked, active, carded; this library is home. */
export function Register() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useStaffSession();
  const [person, setPerson] = useState(EMPTY_PERSON);
  const [idType, setIdType] = useState<IdDocumentType | ''>('');
  const [password, setPassword] = useState('');
  const [pin, setPin] = useState('');
  const [consent, setConsent] = useState(false);
  const [issued, setIssued] = useState<{ name: string; card: Card; noPin: boolean }>();
  const action = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!person.phone.trim() && !person.email.trim()) {
      action.setProblem(localProblem(t('signUp.contactRequired')));
      return;
    }
    if (!idType) return; // the required select already stops the form
    const result = await action.run(() =>
      answer(
        api.POST('/api/v1/members', {
          body: {
            ...personBody(person),
            idDocumentType: idType,
            ...(password ? { password } : {}),
            ...(pin ? { pin } : {}),
            consent,
          },
        }),
      ),
    );
    if (result) {
      setIssued({ name: person.name.trim(), card: result.card, noPin: !pin });
      setPerson(EMPTY_PERSON);
      setIdType('');
      setPassword('');
      setPin('');
      setConsent(false);
    }
  };

  return (
    <div className="desk-page">
      <PageTitle>{t('desk.page.register')}</PageTitle>
      <p className="lead">{t('register.lead', { library: format.name(session.library!) })}</p>
      {issued ? <IssuedCard name={issued.name} card={issued.card} noPin={issued.noPin} /> : null}
      <form className="form two-columns" onSubmit={submit}>
        <PersonFields values={person} onChange={setPerson} />
        <IdDocumentSelect value={idType} onChange={setIdType} />
        <NewPasswordField
          label={t('register.password')}
          hint={t('register.passwordHint')}
          required={false}
          value={password}
          onValue={setPassword}
        />
        <NewPinField
          label={t('register.pin')}
          hint={t('register.pinHint')}
          value={pin}
          onValue={setPin}
        />
        <ConsentBlock checked={consent} onChange={setConsent} />
        <ProblemAlert problem={action.problem} large />
        <SubmitButton busy={action.busy}>{t('register.submit')}</SubmitButton>
      </form>
    </div>
  );
}
