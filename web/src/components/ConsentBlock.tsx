import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';
import { usePrivacyPolicy } from '../privacy/policy';
import { Link } from '../router';

/**
 * "개인정보 수집·이용 동의 (필수)": items collected, purpose, retention, the right to refuse and what
 * refusing means — at sign-up, at the desk and when consent is renewed. With `onChange`, the
 * box to agree; refusing it refuses the registration (the API answers CONSENT_REQUIRED).
 */
export function ConsentBlock({
  checked,
  onChange,
}: {
  checked?: boolean;
  onChange?: (checked: boolean) => void;
}) {
  const { t } = useTranslation();
  const { language } = useFormat();
  const policy = usePrivacyPolicy();
  const consent = policy.data?.consent;
  return (
    <fieldset className="consent-block">
      <legend>{consent ? consent.title[language] : t('privacy.consentTitle')}</legend>
      {consent ? (
        <dl>
          <dt>{t('privacy.items')}</dt>
          <dd>{consent.items[language]}</dd>
          <dt>{t('privacy.purpose')}</dt>
          <dd>{consent.purpose[language]}</dd>
          <dt>{t('privacy.retention')}</dt>
          <dd>{consent.retention[language]}</dd>
          <dt>{t('privacy.refusal')}</dt>
          <dd>{consent.refusal[language]}</dd>
        </dl>
      ) : null}
      <p className="hint">
        <Link to="/portal/privacy">{t('privacy.policyLink')}</Link>
      </p>
      {onChange ? (
        <label className="check">
          <input
            type="checkbox"
            name="consent"
            aria-required="true"
            checked={checked ?? false}
            onChange={(e) => onChange(e.target.checked)}
          />{' '}
          {t('privacy.agree')}
        </label>
      ) : null}
    </fieldset>
  );
}
