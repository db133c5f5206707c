import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  answer,
  api,
  idempotent,
  type Problem,
  type ProblemReason,
  problemOf,
  sentenceOf,
} from '../api/client';
import type { ReturnResult } from '../api/types';
import { SubmitButton } from '../components/FormParts';
import { PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { type Message, useAction, useMessage } from '../hooks';
import { useFormat } from '../i18n/format';
import { useStaffSession } from '../session';
import { Receipt } from './Receipt';
import { CapsLockHint, ScanAnnouncement, ScanField, WaitingScans } from './ScanField';
import { useScanQueue } from './scan-queue';

/** Returns: scan items one after another, no card needed. */
export function Returns() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const session = useStaffSession();
  const library = session.library!;
  const [barcode, setBarcode] = useState('');
  const [returned, setReturned] = useState<ReturnResult[]>([]);
  const announcement = useMessage();
  const action = useAction();
  const inputRef = useRef<HTMLInputElement>(null);

  const [lastScanned, setLastScanned] = useState('');

  /** A scan refused only to say where the book goes (back on the shelf): news, not a refusal. */
  const [news, setNews] = useState<ReturnNews>();
  const newsMessage = (about: ReturnNews): Message =>
    about.kind === 'again'
      ? { key: 'returns.returnedAgain', values: { title: about.title } }
      : { key: 'returns.putBack', values: { sentence: sentenceOf(about.reason, i18n.language) } };
  const newsText = (about: ReturnNews) => {
    const { key, values } = newsMessage(about);
    return t(key, values);
  };

  const returnItem = async (itemBarcode: string): Promise<boolean> => {
    setLastScanned(itemBarcode);
    setNews(undefined);
    announcement.clear();
    let refusal: Problem | undefined;
    const result = await action.run(async () => {
      try {
        return await answer(
          api.POST('/api/v1/returns', { params: { header: idempotent() }, body: { itemBarcode } }),
        );
      } catch (error) {
        refusal = problemOf(error);
        throw error;
      }
    });
    // A scanner's double read, or the same book twice: done already, nothing to do. A book off
    // the hold shelf (its hold ended): off the put-back list, onto the shelf.
    const about = refusal && returnNewsOf(refusal);
    if (about) {
      action.clear();
      // Said once, by the news itself (a live region), not again in the page's announcement.
      setNews(about);
      inputRef.current?.focus();
      return true;
    }
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
      <div role="status">
        {news ? (
          <p className={news.kind === 'again' ? 'notice returned-again' : 'notice put-back-news'}>
            {newsText(news)}
          </p>
        ) : null}
      </div>
      <ProblemAlert
        problem={action.problem}
        large
        title={t('returns.refused')}
        onRetry={() => scans.scan(lastScanned)}
      >
        <CapsLockHint problem={action.problem} barcode={lastScanned} />
      </ProblemAlert>
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

type ReturnNews = { kind: 'again'; title: string } | { kind: 'putBack'; reason: ProblemReason };

/**
 * A return refused only to say the copy goes on the open shelf: it came back earlier today and
 * has nowhere else to go (no hold to set it aside for, no library to send it to, no request), or
 * it was on the put-back list (its hold ended with nobody next). Otherwise undefined.
 */
function returnNewsOf(problem: Problem): ReturnNews | undefined {
  const [reason, ...more] = problem.reasons;
  if (!reason || more.length > 0 || reason.code !== 'ITEM_NOT_ON_LOAN') return undefined;
  const params = reason.params ?? {};
  if (params.putBack) return { kind: 'putBack', reason };
  if (!params.returnedOn || params.heldFor || params.sendTo || params.requestState)
    return undefined;
  return { kind: 'again', title: String(params.title ?? '') };
}
