import { useTranslation } from 'react-i18next';
import type { Suspension } from '../api/types';
import { useFormat } from '../i18n/format';

/** Until when, why (which book at which library), and when borrowing is possible again. */
export function SuspensionNotice({
  suspension,
  audience,
}: {
  suspension: Suspension;
  audience: 'member' | 'desk';
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const cause = suspension.cause;
  return (
    <section className="notice notice-bad suspension" aria-labelledby="suspension-title">
      <h2 id="suspension-title">
        {t('suspension.title', { date: format.date(suspension.until) })}
      </h2>
      <p className="suspension-resume">
        {t('suspension.resumes', { date: format.date(suspension.resumesOn) })}
      </p>
      {cause ? (
        <p>
          {cause.title
            ? t('suspension.causeTitle', {
                library: format.name(cause.library),
                title: cause.title,
                days: cause.daysLate,
                count: cause.daysLate,
                date: format.date(cause.returnDay),
              })
            : t('suspension.cause', {
                library: format.name(cause.library),
                days: cause.daysLate,
                count: cause.daysLate,
                date: format.date(cause.returnDay),
              })}
        </p>
      ) : null}
      <p className="hint">{t(`suspension.explain.${audience}`)}</p>
    </section>
  );
}
