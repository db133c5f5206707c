import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api, localProblem } from '../api/client';
import { groupByRegion, useLibraries } from '../api/directory';
import type { Library } from '../api/types';
import { ConsentBlock } from '../components/ConsentBlock';
import { Field, SelectField } from '../components/Field';
import { NewPasswordField, SubmitButton } from '../components/FormParts';
import { EMPTY_PERSON, PersonFields, personBody } from '../components/MemberForm';
import { PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { focusPageStart } from '../focus';
import { useAction } from '../hooks';
import { useFormat } from '../i18n/format';
import { Link } from '../router';

function NextSteps({ library, login }: { library: Library | undefined; login: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = library ? format.name(library) : '';
  // The form and its button are gone: the keyboard (and a screen reader) goes to what happened.
  useEffect(() => focusPageStart(false), []);
  return (
    <div className="done" role="status">
      <PageTitle>{t('signUp.doneTitle')}</PageTitle>
      <p className="lead">{t('signUp.doneLead')}</p>
      <ol className="steps">
        <li>
          <strong>{t('signUp.step1', { library: name })}</strong>
          {library?.addressKo ? (
            <span className="step-extra" lang="ko">
              {library.addressKo}
            </span>
          ) : null}
          {library?.phone ? (
            <span className="step-extra">
              <a href={`tel:${library.phone}`}>{library.phone}</a>
            </span>
          ) : null}
        </li>
        <li>{t('signUp.step2')}</li>
        <li>{t('signUp.step3', { login })}</li>
      </ol>
      <Link to="/portal/sign-in" className="button primary">
        {t('common.signIn')}
      </Link>
    </div>
  );
}

/** Online pre-registration: the member is pending until the home library's desk checks an ID. */
export function SignUp() {
  const { t } = useTranslation();
  const format = useFormat();
  const libraries = useLibraries('status=participating');
  const [person, setPerson] = useState(EMPTY_PERSON);
  const [homeLibraryId, setHomeLibraryId] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const confirmRef = useRef<HTMLInputElement>(null);
  const [consent, setConsent] = useState(false);
  const [done, setDone] = useState<{ library: Library | undefined; login: string }>();
  const action = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!person.phone.trim() && !person.email.trim()) {
      action.setProblem(localProblem(t('signUp.contactRequired')));
      return;
    }
    if (password !== confirm) {
      action.setProblem(localProblem(t('common.passwordMismatch')));
      // Said at the field to mend, which takes the cursor: not only under the form.
      setMismatch(true);
      window.setTimeout(() => {
        confirmRef.current?.focus();
        confirmRef.current?.select();
      }, 0);
      return;
    }
    const result = await action.run(() =>
      answer(
        api.POST('/api/v1/members/pre-registrations', {
          body: { ...personBody(person), homeLibraryId: Number(homeLibraryId), password, consent },
        }),
      ),
    );
    if (result) {
      setDone({
        library: libraries.data?.find((l) => l.id === Number(homeLibraryId)),
        login: person.phone.trim() || person.email.trim(),
      });
    }
  };

  if (done) return <NextSteps library={done.library} login={done.login} />;
  return (
    <div className="narrow">
      <PageTitle>{t('signUp.title')}</PageTitle>
      <p className="lead">{t('signUp.lead')}</p>
      <form className="form" onSubmit={submit} noValidate={false}>
        <PersonFields values={person} onChange={setPerson} />
        <SelectField
          label={t('signUp.homeLibrary')}
          hint={t('signUp.homeLibraryHint')}
          required
          value={homeLibraryId}
          onChange={(e) => setHomeLibraryId(e.target.value)}
        >
          <option value="">{t('signUp.chooseLibrary')}</option>
          {groupByRegion(libraries.data ?? []).map((group) => (
            <optgroup key={group.region.code} label={format.name(group.region)}>
              {group.libraries.map((library) => (
                <option key={library.id} value={library.id}>
                  {format.name(library)}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
        <NewPasswordField maxLength={128} value={password} onValue={setPassword} />
        <Field
          ref={confirmRef}
          label={t('common.passwordConfirm')}
          hint={mismatch ? t('common.passwordMismatch') : undefined}
          aria-invalid={mismatch || undefined}
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          value={confirm}
          onValue={(value) => {
            setConfirm(value);
            setMismatch(false);
          }}
        />
        <ConsentBlock checked={consent} onChange={setConsent} />
        <ProblemAlert problem={action.problem} />
        <SubmitButton busy={action.busy}>
          {action.busy ? t('common.sending') : t('signUp.submit')}
        </SubmitButton>
      </form>
    </div>
  );
}
