import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import { Field } from '../components/Field';
import { Loading } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useResource, useSaving } from '../hooks';
import { RulesFormEnd } from './library-page';

type HoldRules = Awaited<ReturnType<typeof readHoldRules>>['network'];
type HoldRule = keyof HoldRules;

/** Each hold rule with the bounds the service allows (routes of the holds module). */
const NETWORK_HOLD_RULES: readonly { key: HoldRule; min: number; max: number }[] = [
  { key: 'holdLimit', min: 0, max: 50 },
  { key: 'queuePerCopy', min: 1, max: 50 },
  { key: 'pickupDays', min: 1, max: 30 },
  { key: 'noShowLimit', min: 1, max: 50 },
  { key: 'noShowWindowDays', min: 1, max: 365 },
  { key: 'banDays', min: 0, max: 365 },
];
/** The rules a library may lower for itself (never above the network's). */
const LIBRARY_HOLD_RULES = ['holdLimit', 'queuePerCopy', 'pickupDays'] as const;
type LibraryHoldRule = (typeof LIBRARY_HOLD_RULES)[number];

function readHoldRules(libraryId: number | null) {
  return answer(
    api.GET('/api/v1/hold-rules', {
      params: { query: libraryId === null ? {} : { libraryId } },
    }),
  );
}

/** The network's hold rules (network admin): limits, the pickup window, the no-show ban. */
export function NetworkHoldRulesForm() {
  const { t } = useTranslation();
  const current = useResource('hold-rules-network', () => readHoldRules(null));
  const [rules, setRules] = useState<HoldRules>();
  const form = useSaving();
  useEffect(() => setRules(current.data?.network), [current.data]);
  if (current.problem) return <ProblemAlert problem={current.problem} />;
  if (!rules) return <Loading />;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    form.setSaved('');
    const result = await form.save(
      () => answer(api.PUT('/api/v1/network-hold-rules', { body: rules })),
      () => t('admin.rulesSaved'),
    );
    if (result) setRules(result);
  };
  return (
    <form className="form panel" onSubmit={submit} aria-labelledby="network-hold-rules">
      <h2 id="network-hold-rules">{t('holdRules.title')}</h2>
      <div className="grid-fields">
        {NETWORK_HOLD_RULES.map(({ key, min, max }) => (
          <Field
            key={key}
            label={t(`holdRules.${key}`)}
            hint={t(`holdRules.${key}Hint`)}
            type="number"
            min={min}
            max={max}
            required
            value={rules[key]}
            onChange={(e) => setRules({ ...rules, [key]: Number(e.target.value) })}
          />
        ))}
      </div>
      <RulesFormEnd form={form} saveLabel={t('holdRules.save')} hint={t('holdRules.hint')} />
    </form>
  );
}

/** A library's own hold rules: lower than the network's, or empty for the network's. */
export function LibraryHoldRulesForm({ libraryId }: { libraryId: number }) {
  const { t } = useTranslation();
  const current = useResource(`hold-rules-${libraryId}`, () => readHoldRules(libraryId));
  const [values, setValues] = useState<Record<LibraryHoldRule, string>>();
  const form = useSaving();
  const { setSaved } = form;
  useEffect(() => {
    const own = current.data?.library;
    if (!current.data) return;
    setValues({
      holdLimit: own?.holdLimit == null ? '' : String(own.holdLimit),
      queuePerCopy: own?.queuePerCopy == null ? '' : String(own.queuePerCopy),
      pickupDays: own?.pickupDays == null ? '' : String(own.pickupDays),
    });
    setSaved('');
  }, [current.data, setSaved]);
  if (current.problem) return <ProblemAlert problem={current.problem} />;
  if (!values || !current.data) return <Loading />;
  const network = current.data.network;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved('');
    const own = (key: LibraryHoldRule) => (values[key].trim() === '' ? null : Number(values[key]));
    await form.save(
      () =>
        answer(
          api.PUT('/api/v1/libraries/{libraryId}/hold-rules', {
            params: { path: { libraryId } },
            body: {
              holdLimit: own('holdLimit'),
              queuePerCopy: own('queuePerCopy'),
              pickupDays: own('pickupDays'),
            },
          }),
        ),
      () => t('admin.rulesSaved'),
    );
  };
  return (
    <form className="form panel" onSubmit={submit} aria-labelledby="library-hold-rules">
      <h2 id="library-hold-rules">{t('holdRules.title')}</h2>
      <p className="hint">{t('holdRules.libraryLead')}</p>
      <div className="grid-fields">
        {LIBRARY_HOLD_RULES.map((key) => (
          <Field
            key={key}
            label={t(`holdRules.${key}`)}
            hint={t('holdRules.networkValue', { value: network[key] })}
            type="number"
            min={NETWORK_HOLD_RULES.find((rule) => rule.key === key)?.min}
            max={network[key]}
            placeholder={String(network[key])}
            value={values[key]}
            onValue={(value) => setValues({ ...values, [key]: value })}
          />
        ))}
      </div>
      <RulesFormEnd form={form} saveLabel={t('holdRules.save')} hint={t('holdRules.hint')} />
    </form>
  );
}
