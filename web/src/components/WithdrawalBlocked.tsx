import { useTranslation } from 'react-i18next';
import type { CirculationStatus } from '../api/types';
import { useFormat } from '../i18n/format';

/**
 * What stops a withdrawal now (rules.md Membership 6: a running suspension, an overdue book, any
 * open loan), read from the member's status, so no one is asked "are you sure?" for a withdrawal
 * the service would refuse. The service still decides; this only says it first.
 */
export function useWithdrawalBlockers(status: CirculationStatus | undefined): string[] {
  const { t } = useTranslation();
  const format = useFormat();
  if (!status) return [];
  // An overdue book is said once, as overdue; the rest of the loans beside it.
  const onTime = status.openLoans.length - status.overdueCount;
  return [
    ...(status.suspension
      ? [t('withdrawal.blockedSuspension', { date: format.date(status.suspension.resumesOn) })]
      : []),
    ...(status.overdueCount > 0
      ? [t('withdrawal.blockedOverdue', { count: status.overdueCount })]
      : []),
    ...(onTime > 0
      ? [
          t(status.overdueCount > 0 ? 'withdrawal.blockedOtherLoans' : 'withdrawal.blockedLoans', {
            count: onTime,
          }),
        ]
      : []),
  ];
}

/** The blockers as a notice, with nothing to press. */
export function WithdrawalBlocked({ blockers }: { blockers: string[] }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-warn withdrawal-blocked">
      <p className="strong">{t('withdrawal.blocked')}</p>
      <ul>
        {blockers.map((blocker) => (
          <li key={blocker}>{blocker}</li>
        ))}
      </ul>
    </div>
  );
}
