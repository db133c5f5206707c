import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import type { LoanRules } from '../api/types';
import { Field } from '../components/Field';
import { Loading } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useResource, useSaving } from '../hooks';
import { useFormat } from '../i18n/format';
import { LibraryHoldRulesForm } from './HoldRulesForms';
import { LibraryHeading, RulesFormEnd, useLibrary } from './library-page';

/** The loan rules typed as numbers, with the bounds the form allows. */
const RULE_NUMBERS = [
  { key: 'loanLimit', min: 0, max: 100 },
  { key: 'loanPeriodDays', min: 1, max: 365 },
  { key: 'maxRenewals', min: 0, max: 10 },
  { key: 'renewalDays', min: 1, max: 365 },
] as const;

export function LoanRulesPage({ libraryId }: { libraryId: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const detail = useLibrary(libraryId);
  const network = useResource('network-rules', () => answer(api.GET('/api/v1/network-rules')));
  const networkLimit = network.data?.networkLoanLimit;
  const [rules, setRules] = useState<LoanRules>();
  const form = useSaving();
  const { setSaved } = form;
  useEffect(() => {
    setRules(detail.data?.library.loanRules);
    setSaved('');
  }, [detail.data, setSaved]);
  if (detail.problem) return <ProblemAlert problem={detail.problem} />;
  if (!rules) return <Loading />;
  /** The limit in force (the network admin may have lowered the network limit below it since). */
  const savedLimit = detail.data?.library.loanRules.loanLimit ?? 0;
  const number = (key: keyof LoanRules, value: string) =>
    setRules({ ...rules, [key]: value === '' ? 0 : Number(value) });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved('');
    const result = await form.save(
      () =>
        answer(
          api.PUT('/api/v1/libraries/{libraryId}/loan-rules', {
            params: { path: { libraryId } },
            body: rules,
          }),
        ),
      ({ loansMoved }) =>
        loansMoved > 0
          ? t('admin.rulesSavedLoansMoved', { count: loansMoved })
          : t('admin.rulesSaved'),
    );
    if (result) {
      const { loansMoved: _, ...saved } = result;
      setRules(saved);
    }
  };
  return (
    <div>
      <LibraryHeading page="rules" library={detail.data?.library} />
      <form className="form panel" onSubmit={submit}>
        <div className="grid-fields">
          {RULE_NUMBERS.map(({ key, min, max }) => (
            <Field
              key={key}
              label={t(`rules.${key}`)}
              type="number"
              min={min}
              max={max}
              required
              value={rules[key]}
              onChange={(e) => number(key, e.target.value)}
              hint={
                key === 'loanLimit' && networkLimit !== undefined
                  ? t('rules.networkLimitHint', { count: networkLimit })
                  : undefined
              }
            />
          ))}
        </div>
        {rules.loanLimit === 0 ? (
          <p className="notice notice-warn" role="status">
            {t('rules.lendsNothing')}
          </p>
        ) : null}
        {networkLimit !== undefined && savedLimit > networkLimit ? (
          <p className="notice notice-warn">
            {t('rules.aboveNetwork', {
              limit: savedLimit,
              count: networkLimit,
            })}
          </p>
        ) : null}
        <div className="check">
          <input
            id="online-renewal"
            type="checkbox"
            checked={rules.onlineRenewal}
            onChange={(e) => setRules({ ...rules, onlineRenewal: e.target.checked })}
          />
          <label htmlFor="online-renewal">{t('rules.onlineRenewalAllowed')}</label>
        </div>
        <fieldset className="fieldset weekdays">
          <legend>{t('rules.closedWeekdays')}</legend>
          {[1, 2, 3, 4, 5, 6, 7].map((day) => (
            <div className="check" key={day}>
              <input
                id={`weekday-${day}`}
                type="checkbox"
                checked={rules.closedWeekdays.includes(day)}
                onChange={(e) =>
                  setRules({
                    ...rules,
                    closedWeekdays: e.target.checked
                      ? [...rules.closedWeekdays, day].sort((a, b) => a - b)
                      : rules.closedWeekdays.filter((d) => d !== day),
                  })
                }
              />
              <label htmlFor={`weekday-${day}`}>{format.weekday(day)}</label>
            </div>
          ))}
        </fieldset>
        <RulesFormEnd form={form} />
      </form>
      <LibraryHoldRulesForm libraryId={libraryId} />
    </div>
  );
}
