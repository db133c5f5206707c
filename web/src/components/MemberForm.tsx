import { useTranslation } from 'react-i18next';
import { Field } from './Field';

/** Today's date in Korea (the service's calendar), as YYYY-MM-DD. */
export function seoulToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Seoul',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export function ageOn(birthDate: string, today: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export interface PersonValues {
  name: string;
  birthDate: string;
  phone: string;
  email: string;
  guardianName: string;
  guardianRelationship: string;
  guardianConsent: boolean;
}

export const EMPTY_PERSON: PersonValues = {
  name: '',
  birthDate: '',
  phone: '',
  email: '',
  guardianName: '',
  guardianRelationship: '',
  guardianConsent: false,
};

export function needsGuardian(values: PersonValues): boolean {
  const age = ageOn(values.birthDate, seoulToday());
  return age !== null && age < 14;
}

/** The request body's person part: contact without blanks, the guardian when under 14. */
export function personBody(values: PersonValues) {
  return {
    name: values.name.trim(),
    birthDate: values.birthDate,
    ...(values.phone.trim() ? { phone: values.phone.trim() } : {}),
    ...(values.email.trim() ? { email: values.email.trim() } : {}),
    ...(needsGuardian(values)
      ? {
          guardian: {
            name: values.guardianName.trim(),
            relationship: values.guardianRelationship.trim(),
            consent: values.guardianConsent,
          },
        }
      : {}),
  };
}

/** Name, birth date, contact and (under 14) the guardian: shared by sign-up and the desk. */
export function PersonFields({
  values,
  onChange,
}: {
  values: PersonValues;
  onChange(values: PersonValues): void;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<PersonValues>) => onChange({ ...values, ...patch });
  return (
    <>
      <Field
        label={t('person.name')}
        name="name"
        autoComplete="name"
        required
        maxLength={100}
        value={values.name}
        onChange={(e) => set({ name: e.target.value })}
      />
      <Field
        label={t('person.birthDate')}
        name="birthDate"
        type="date"
        required
        autoComplete="bday"
        max={seoulToday()}
        value={values.birthDate}
        onChange={(e) => set({ birthDate: e.target.value })}
      />
      <fieldset className="fieldset">
        <legend>{t('person.contact')}</legend>
        <p className="hint">{t('person.contactHint')}</p>
        <Field
          label={t('person.phone')}
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          placeholder="010-1234-5678"
          value={values.phone}
          onChange={(e) => set({ phone: e.target.value })}
        />
        <Field
          label={t('person.email')}
          name="email"
          type="email"
          autoComplete="email"
          value={values.email}
          onChange={(e) => set({ email: e.target.value })}
        />
      </fieldset>
      {needsGuardian(values) ? (
        <fieldset className="fieldset">
          <legend>{t('person.guardian')}</legend>
          <p className="hint">{t('person.guardianHint')}</p>
          <Field
            label={t('person.guardianName')}
            name="guardianName"
            required
            value={values.guardianName}
            onChange={(e) => set({ guardianName: e.target.value })}
          />
          <Field
            label={t('person.guardianRelationship')}
            name="guardianRelationship"
            required
            placeholder={t('person.guardianRelationshipExample')}
            value={values.guardianRelationship}
            onChange={(e) => set({ guardianRelationship: e.target.value })}
          />
          <div className="check">
            <input
              id="guardian-consent"
              type="checkbox"
              checked={values.guardianConsent}
              onChange={(e) => set({ guardianConsent: e.target.checked })}
            />
            <label htmlFor="guardian-consent">{t('person.guardianConsent')}</label>
          </div>
        </fieldset>
      ) : null}
    </>
  );
}
