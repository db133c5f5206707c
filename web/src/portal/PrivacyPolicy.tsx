import { useTranslation } from 'react-i18next';
import { DataTable } from '../components/DataTable';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useFormat } from '../i18n/format';
import { usePrivacyPolicy } from '../privacy/policy';

/** The privacy policy (개인정보 처리방침), from the same facts as docs/privacy.md. */
export function PrivacyPolicyPage() {
  const { t } = useTranslation();
  const { language } = useFormat();
  const policy = usePrivacyPolicy();
  if (policy.problem) return <ProblemAlert problem={policy.problem} />;
  if (!policy.data) return <Loading />;
  const p = policy.data;
  const kept = p.records.filter((r) => r.columns.length > 0);
  return (
    <div className="narrow privacy-policy">
      <PageTitle>{t('privacy.title')}</PageTitle>
      <p className="lead">{p.controller[language]}</p>
      <h2>{p.consent.title[language]}</h2>
      <dl>
        <dt>{t('privacy.items')}</dt>
        <dd>{p.consent.items[language]}</dd>
        <dt>{t('privacy.purpose')}</dt>
        <dd>{p.consent.purpose[language]}</dd>
        <dt>{t('privacy.retention')}</dt>
        <dd>{p.consent.retention[language]}</dd>
        <dt>{t('privacy.refusal')}</dt>
        <dd>{p.consent.refusal[language]}</dd>
      </dl>
      <h2>{t('privacy.whatWeKeep')}</h2>
      <DataTable
        caption={t('privacy.whatWeKeep')}
        captionHidden
        columns={[
          t('privacy.record'),
          t('privacy.purpose'),
          t('privacy.retention'),
          t('privacy.readers'),
        ]}
      >
        {kept.map((r) => (
          <tr key={r.table}>
            <td>{r.name?.[language] ?? r.table}</td>
            <td>{r.purpose[language]}</td>
            <td>{r.retention[language]}</td>
            <td>{r.readers[language]}</td>
          </tr>
        ))}
        {p.elsewhere.map((e) => (
          <tr key={e.what.en}>
            <td>{e.what[language]}</td>
            <td>{e.holds[language]}</td>
            <td>{e.retention[language]}</td>
            <td>—</td>
          </tr>
        ))}
      </DataTable>
      <p className="hint">{t('privacy.version', { version: p.version })}</p>
    </div>
  );
}
