import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import { useLibraries } from '../api/directory';
import type { NetworkRules } from '../api/types';
import { Field } from '../components/Field';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useResource, useSaving } from '../hooks';
import { NetworkHoldRulesForm } from './HoldRulesForms';
import { RulesFormEnd } from './library-page';

/** The network's own rules: the loan limit across libraries and how suspensions add up. */
export function NetworkRulesPage() {
  const { t } = useTranslation();
  const current = useResource('network-rules', () => answer(api.GET('/api/v1/network-rules')));
  const [rules, setRules] = useState<NetworkRules>();
  const [capText, setCapText] = useState('');
  const libraries = useLibraries();
  const form = useSaving();
  const { setSaved } = form;
  useEffect(() => {
    if (!current.data) return;
    setRules(current.data);
    setCapText(
      current.data.maxSuspensionDays === null ? '' : String(current.data.maxSuspensionDays),
    );
  }, [current.data]);
  if (current.problem) return <ProblemAlert problem={current.problem} />;
  if (!rules) return <Loading />;
  // Libraries whose own limit the network limit now caps (allowed; said, so it is no surprise).
  const above = (libraries.data ?? []).filter(
    (library) => library.loanRules.loanLimit > rules.networkLoanLimit,
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved('');
    const maxSuspensionDays = capText.trim() === '' ? null : Number(capText);
    const result = await form.save(
      () => answer(api.PUT('/api/v1/network-rules', { body: { ...rules, maxSuspensionDays } })),
      () => t('admin.rulesSaved'),
    );
    if (result) setRules(result);
  };
  return (
    <div>
      <PageTitle>{t('admin.page.networkRules')}</PageTitle>
      <form className="form panel" onSubmit={submit}>
        <Field
          label={t('network.loanLimit')}
          hint={t('network.loanLimitHint')}
          type="number"
          min={0}
          max={1000}
          required
          value={rules.networkLoanLimit}
          onChange={(e) => setRules({ ...rules, networkLoanLimit: Number(e.target.value) })}
        />
        {above.length > 0 ? (
          <p className="notice notice-warn" role="status">
            {t('network.librariesAbove', { count: above.length, limit: rules.networkLoanLimit })}
          </p>
        ) : null}
        <fieldset className="fieldset">
          <legend>{t('network.mode')}</legend>
          {(['longest', 'cumulative'] as const).map((mode) => (
            <div className="check" key={mode}>
              <input
                id={`mode-${mode}`}
                type="radio"
                name="suspensionMode"
                checked={rules.suspensionMode === mode}
                onChange={() => setRules({ ...rules, suspensionMode: mode })}
              />
              <label htmlFor={`mode-${mode}`}>
                <strong>{t(`network.modes.${mode}`)}</strong>
                <span className="hint block">{t(`network.modes.${mode}Hint`)}</span>
              </label>
            </div>
          ))}
        </fieldset>
        <Field
          label={t('network.cap')}
          hint={t('network.capHint')}
          type="number"
          min={1}
          max={3650}
          value={capText}
          onValue={setCapText}
        />
        <div className="check">
          <input
            id="machines-require-pin"
            type="checkbox"
            checked={rules.machinesRequirePin ?? true}
            onChange={(e) => setRules({ ...rules, machinesRequirePin: e.target.checked })}
          />
          <label htmlFor="machines-require-pin">
            <strong>{t('network.machinesRequirePin')}</strong>
            <span className="hint block">{t('network.machinesRequirePinHint')}</span>
          </label>
        </div>
        <RulesFormEnd form={form} />
      </form>
      <NetworkHoldRulesForm />
    </div>
  );
}
