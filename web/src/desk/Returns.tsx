import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api, idempotent } from '../api/client';
import type { ReturnResult } from '../api/types';
import { SubmitButton } from '../components/FormParts';
import { PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useAction, useMessage } from '../hooks';
import { useFormat } from '../i18n/format';
import { useStaffSession } from '../session';
import { Receipt } from './Receipt';
import { ScanAnnouncement, ScanField, WaitingScans } from './ScanField';
import { useScanQueue } from './scan-queue';

/** Returns: scan items one after another, no card needed. */
export function Returns() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useStaffSession();
  const library = session.library!;
  const [barcode, setBarcode] = useState('');
  const [returned, setReturned] = useState<ReturnResult[]>([]);
  const announcement = useMessage();
  const action = useAction();
  const inputRef = useRef<HTMLInputElement>(null);

  const [lastScanned, setLastScanned] = useState('');

  const returnItem = async (itemBarcode: string): Promise<boolean> => {
    setLastScanned(itemBarcode);
    announcement.clear();
    const result = await action.run(() =>
      answer(
        api.POST('/api/v1/returns', { params: { header: idempotent() }, body: { itemBarcode } }),
      ),
    );
    if (result) {
      setReturned((list) => [result, ...list]);
      announcement.say(
        result.heldFor
          ? {
              key: 'returns.heldDone',
              values: { title: result.loan.title, name: result.heldFor.maskedName },
            }
          : result.loan.daysLate > 0
            ? {
                key: 'returns.lateDone',
                values: {
                  title: result.loan.title,
                  days: result.loan.daysLate,
                  count: result.loan.daysLate,
                },
              }
            : { key: 'returns.done', values: { title: result.loan.title } },
      );
      inputRef.current?.focus();
      return true;
    }
    // Nothing scanned since: the refused barcode goes back into the field, to mend and send again.
    if (!scans.othersWaiting() && !inputRef.current?.value) {
      setBarcode(itemBarcode);
      window.setTimeout(() => inputRef.current?.select(), 0);
    }
    return false;
  };
  const scans = useScanQueue(returnItem);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Out of the field at once: the scanner's next barcode must not follow this one's characters.
    scans.scan(inputRef.current?.value ?? barcode);
    if (inputRef.current) inputRef.current.value = '';
    setBarcode('');
  };

  return (
    <div className="desk-page">
      <PageTitle>{t('desk.page.returns')}</PageTitle>
      <p className="lead">{t('returns.lead')}</p>
      <ScanAnnouncement text={announcement.text} />
      <form className="scan-form" onSubmit={submit}>
        <ScanField
          scans="item"
          ref={inputRef}
          label={t('returns.itemLabel')}
          hint={t('returns.itemHint')}
          data-autofocus
          value={barcode}
          onValue={setBarcode}
        />
        <SubmitButton busy={action.busy} takesScans>
          {t('returns.submit')}
        </SubmitButton>
      </form>
      <WaitingScans queue={scans} />
      <ProblemAlert
        problem={action.problem}
        large
        title={t('returns.refused')}
        onRetry={() => scans.scan(lastScanned)}
      />
      {returned.length > 0 ? (
        <section className="panel" aria-labelledby="returned-title">
          <h2 id="returned-title">{t('returns.list', { count: returned.length })}</h2>
          <ul className="return-list">
            {returned.map((r) => (
              <li key={r.loan.id} className={r.loan.daysLate > 0 ? 'return late' : 'return'}>
                <p className="loan-title">{r.loan.title}</p>
                <p className="muted mono small">{r.loan.itemBarcode}</p>
                <p>
                  {t('returns.dueWas', { date: format.date(r.loan.dueDate) })}
                  {r.loan.daysLate > 0 ? (
                    <span className="badge badge-bad">
                      {t('returns.daysLate', { count: r.loan.daysLate })}
                    </span>
                  ) : (
                    <span className="badge badge-ok">{t('returns.onTime')}</span>
                  )}
                </p>
                {r.transit ? (
                  <p className="notice notice-info strong">
                    {t('returns.transit', { library: format.name(r.transit.to) })}
                  </p>
                ) : null}
                {r.heldFor ? (
                  <p className="notice notice-warn strong hold-trapped" role="alert">
                    {t('returns.held', {
                      name: r.heldFor.maskedName,
                      until: format.date(r.heldFor.pickupUntil),
                    })}
                  </p>
                ) : null}
                {r.suspension ? (
                  <p className="notice notice-bad strong">
                    {t('returns.suspended', {
                      until: format.date(r.suspension.until),
                      resume: format.date(r.suspension.resumesOn),
                    })}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
          <Receipt
            library={library}
            day={returned[0]!.loan.returnDay}
            lines={returned.map((r) => ({
              kind: 'return' as const,
              title: r.loan.title,
              barcode: r.loan.itemBarcode,
              date: r.loan.returnDay,
              ...(r.loan.daysLate > 0
                ? { note: t('returns.daysLate', { count: r.loan.daysLate }) }
                : {}),
            }))}
          />
          <div className="button-row">
            <button type="button" className="button" onClick={() => window.print()}>
              {t('receipt.print')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setReturned([]);
                action.clear();
                inputRef.current?.focus();
              }}
            >
              {t('returns.clear')}
            </button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
