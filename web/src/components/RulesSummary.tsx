import { useTranslation } from 'react-i18next';
import type { LoanRules } from '../api/types';
import { useFormat } from '../i18n/format';
import { Fact } from './Fact';

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
      <Fact label={t('rules.loanLimit')}>{t('rules.books', { count: rules.loanLimit })}</Fact>
      <Fact label={t('rules.loanPeriod')}>{t('rules.days', { count: rules.loanPeriodDays })}</Fact>
      <Fact label={t('rules.renewals')}>
        {rules.maxRenewals === 0
          ? t('rules.noRenewal')
          : t('rules.renewalText', { count: rules.maxRenewals, days: rules.renewalDays })}
      </Fact>
      <Fact label={t('rules.onlineRenewal')}>
        {rules.onlineRenewal ? t('common.yes') : t('common.no')}
      </Fact>
      <Fact label={t('rules.closedWeekdays')}>
        {closedWeekdaysText(rules.closedWeekdays, format, t('rules.noClosedWeekday'))}
      </Fact>
    </dl>
  );
}
