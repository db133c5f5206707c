import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import type { FullMember } from '../api/types';
import { Barcode } from '../components/Barcode';
import { ConfirmButton } from '../components/ConfirmButton';
import { ProblemAlert } from '../components/ProblemAlert';
import { CardStatusBadge, groupedCardNumber } from '../components/StatusBadge';
import { useFocusWhenLost } from '../focus';
import { useAction } from '../hooks';
import { useFormat } from '../i18n/format';

export function CardTab({ member, onChanged }: { member: FullMember; onChanged(): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const action = useAction();
  // Reported here just now: said, and given the keyboard (the button that was pressed is gone).
  const [reported, setReported] = useState(false);
  const reportedRef = useFocusWhenLost<HTMLParagraphElement>(reported);
  const card = member.card;
  if (!card) {
    return (
      <div className="tab-panel">
        <p className="notice notice-info">{t('card.none')}</p>
      </div>
    );
  }
  return (
    <div className="tab-panel">
      <section className="member-card" aria-labelledby="card-title">
        <div className="member-card-head">
          <h2 id="card-title">{t('card.title')}</h2>
          <CardStatusBadge status={card.status} blocked={card.blocked} />
        </div>
        <p className="member-card-name">{member.name}</p>
        {card.status === 'valid' ? (
          <Barcode value={card.number} />
        ) : (
          <p className="notice notice-bad">{t(`card.unusable.${card.status}`)}</p>
        )}
        <p className="card-number">{groupedCardNumber(card.number)}</p>
        {card.status === 'valid' ? <p className="hint">{t('card.showHint')}</p> : null}
      </section>
      {card.status === 'valid' ? (
        <section className="panel" aria-labelledby="lost-title">
          <h2 id="lost-title">{t('card.lostTitle')}</h2>
          <p>{t('card.lostText')}</p>
          <ConfirmButton
            label={t('card.lostButton')}
            question={t('card.lostConfirm')}
            yes={t('card.lostYes')}
            busy={action.busy}
            onConfirm={async () => {
              const lost = await action.run(() => answer(api.POST('/api/v1/me/card/lost')));
              if (!lost) return false;
              setReported(true);
              onChanged();
              return true;
            }}
          />
          <ProblemAlert problem={action.problem} />
        </section>
      ) : (
        <section className="panel">
          {reported ? (
            <p className="notice notice-info" role="status" ref={reportedRef} tabIndex={-1}>
              {t('card.lostDone')}
            </p>
          ) : null}
          {card.lostAt ? <p>{t('card.lostAt', { date: format.dateTime(card.lostAt) })}</p> : null}
          <p className="hint">{t('card.reissueHint')}</p>
        </section>
      )}
    </div>
  );
}
