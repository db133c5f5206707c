import { useTranslation } from 'react-i18next';
import type { LoanRules } from '../api/types';
import { useFormat } from '../i18n/format';

export function closedWeekdaysText(
  weekdays: number[],
  format: ReturnType<typeof useFormat>,
  none: string,
): string {
  if (weekdays.length === 0) return none;
  return [...weekdays]
    .sort((a, b) => a - b)
    .map((d) => format.weekday(d))
    .join(', ');
}

/** A library's loan rules as a short definition list. */
export function RulesSummary({ rules }: { rules: LoanRules }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <dl className="facts">
      <div>
        <dt>{t('rules.loanLimit')}</dt>
        <dd>{t('rules.books', { count: rules.loanLimit })}</dd>
      </div>
      <div>
        <dt>{t('rules.loanPeriod')}</dt>
        <dd>{t('rules.days', { count: rules.loanPeriodDays })}</dd>
      </div>
      <div>
        <dt>{t('rules.renewals')}</dt>
        <dd>
          {rules.maxRenewals === 0
            ? t('rules.noRenewal')
            : t('rules.renewalText', { count: rules.maxRenewals, days: rules.renewalDays })}
        </dd>
      </div>
      <div>
        <dt>{t('rules.onlineRenewal')}</dt>
        <dd>{rules.onlineRenewal ? t('common.yes') : t('common.no')}</dd>
      </div>
      <div>
        <dt>{t('rules.closedWeekdays')}</dt>
        <dd>{closedWeekdaysText(rules.closedWeekdays, format, t('rules.noClosedWeekday'))}</dd>
      </div>
    </dl>
  );
}
