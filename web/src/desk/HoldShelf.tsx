import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogueSearch } from '../api/catalogue';
import { answer, api, idempotent } from '../api/client';
import { CancelButton } from '../components/CancelButton';
import { CatalogueResults, TitleByline } from '../components/Catalogue';
import { DataTable } from '../components/DataTable';
import { SubmitButton } from '../components/FormParts';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { StatusLine } from '../components/StatusLine';
import { useAction, useMessage, useResource } from '../hooks';
import { useFormat } from '../i18n/format';
import { useStaffSession } from '../session';
import { DeskSearchForm } from './DeskSearchForm';
import { cancelDeskHold } from './hold-actions';
import { MemberHolds } from './MemberHolds';
import { RequestTable } from './Requests';
import { ScanField } from './ScanField';

/**
 * The hold shelf (예약 도서 보관): every copy set aside at this library, for whom (masked) and
 * until when, the ones whose window ends soon first and marked; a hold can be cancelled here.
 */
export function HoldShelf() {
  const { t } = useTranslation();
  const format = useFormat();
  const shelf = useResource('hold-shelf', loadShelf);
  const cancel = useAction();
  const cancelled = useMessage();
  // The heading is there at once, so a function key that opens the page has it to focus.
  const page = (body: ReactNode) => (
    <div className="desk-page hold-shelf">
      <PageTitle>{t('desk.page.holds')}</PageTitle>
      <p className="lead">{t('holdShelf.lead')}</p>
      {body}
    </div>
  );
  if (shelf.problem) return page(<ProblemAlert problem={shelf.problem} />);
  if (!shelf.data) return page(<Loading />);
  const holds = shelf.data.holds;
  const soon = holds.filter((h) => h.expiringSoon).length;
  return page(
    <>
      <p>
        {t('holdShelf.count', { count: holds.length })}
        {soon > 0 ? (
          <span className="badge badge-warn">{t('holdShelf.soon', { count: soon })}</span>
        ) : null}
      </p>
      {holds.length === 0 ? (
        <p className="muted">{t('holdShelf.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('holdShelf.item')}</th>
                <th scope="col">{t('holdShelf.title')}</th>
                <th scope="col">{t('holdShelf.member')}</th>
                <th scope="col">{t('holdShelf.until')}</th>
                <th scope="col">
                  <span className="sr-only">{t('holds.cancel')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {holds.map((hold) => (
                <tr key={hold.id} className={hold.expiringSoon ? 'expiring' : undefined}>
                  <td className="mono">{hold.itemBarcode}</td>
                  <td>{hold.title}</td>
                  <td>
                    {hold.maskedName}
                    {hold.cardNumberTail ? (
                      <span className="muted mono small">{` ·${hold.cardNumberTail}`}</span>
                    ) : null}
                  </td>
                  <td>
                    {hold.pickupUntil ? format.date(hold.pickupUntil) : '—'}
                    {hold.expiringSoon ? (
                      <span className="badge badge-warn">{t('holdShelf.expiring')}</span>
                    ) : null}
                  </td>
                  <td>
                    <CancelButton
                      texts="deskHolds"
                      title={hold.title}
                      action={cancel}
                      message={cancelled}
                      send={() => cancelDeskHold(hold.id)}
                      reload={shelf.reload}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ProblemAlert problem={cancel.problem} />
      {cancelled.text ? <StatusLine text={cancelled.text} /> : null}
      <PutBackList copies={shelf.data.putBack} reload={shelf.reload} />
      <ArrivedRequests />
    </>,
  );
}

type PutBackCopy = Awaited<ReturnType<typeof loadShelf>>['putBack'][number];

function loadShelf() {
  return answer(api.GET('/api/v1/hold-shelf'));
}

/**
 * Copies still on the hold shelf whose hold ended with nobody next in line: to the system they
 * are on the open shelf already, so the desk shelves them and says so here.
 */
function PutBackList({ copies, reload }: { copies: PutBackCopy[]; reload: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const shelve = useAction();
  const shelved = useMessage();
  const why = {
    cancelled: t('holdShelf.putBackCancelled'),
    expired: t('holdShelf.putBackExpired'),
    withdrawn: t('holdShelf.putBackWithdrawn'),
  };
  const markShelved = async (copy: PutBackCopy) => {
    shelved.clear();
    const done = await shelve.run(async () => {
      await api.POST('/api/v1/hold-shelf/put-back/{itemId}', {
        params: { path: { itemId: copy.itemId } },
      });
      return true;
    });
    if (!done) return;
    shelved.say({ key: 'holdShelf.putBackSaid', values: { title: copy.title } });
    reload();
  };
  return (
    <section className="hold-shelf-put-back" aria-labelledby="hold-shelf-put-back">
      <h2 id="hold-shelf-put-back">{t('holdShelf.putBackTitle')}</h2>
      <p>{t('holdShelf.putBackLead')}</p>
      {copies.length === 0 ? (
        <p className="muted">{t('holdShelf.putBackEmpty')}</p>
      ) : (
        <DataTable
          caption={t('holdShelf.putBackTitle')}
          captionHidden
          columns={[
            t('holdShelf.item'),
            t('holdShelf.title'),
            t('holdShelf.callNumber'),
            t('holdShelf.putBackWhy'),
            { hidden: t('holdShelf.putBackDone') },
          ]}
        >
          {copies.map((copy) => (
            <tr key={copy.itemId}>
              <td className="mono">{copy.itemBarcode}</td>
              <td>{copy.title}</td>
              <td className="mono">{copy.callNumber ?? '—'}</td>
              <td>
                {why[copy.reason]}
                <span className="muted small">{` · ${format.dayOf(copy.releasedAt, false)}`}</span>
              </td>
              <td>
                <button
                  type="button"
                  className="button"
                  disabled={shelve.busy}
                  aria-label={t('holdShelf.putBackDoneLabel', { title: copy.title })}
                  onClick={() => markShelved(copy)}
                >
                  {t('holdShelf.putBackDone')}
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <ProblemAlert problem={shelve.problem} />
      {shelved.text ? <StatusLine text={shelved.text} /> : null}
    </section>
  );
}

/**
 * The same shelf's other copies: those come by inter-library request and waiting for their
 * member (the inter-library page's pickup list, here too, so the desk sees the whole shelf).
 */
function ArrivedRequests() {
  const { t } = useTranslation();
  const arrived = useResource('hold-shelf-requests', () =>
    answer(api.GET('/api/v1/requests/lists/{list}', { params: { path: { list: 'ready' } } })),
  );
  if (arrived.problem) return <ProblemAlert problem={arrived.problem} />;
  if (!arrived.data) return <Loading />;
  const requests = arrived.data.requests;
  return (
    <section className="hold-shelf-requests" aria-labelledby="hold-shelf-requests">
      <h2 id="hold-shelf-requests">{t('holdShelf.requestsTitle')}</h2>
      <p>{t('holdShelf.requestsCount', { count: requests.length })}</p>
      {requests.length === 0 ? (
        <p className="muted">{t('holdShelf.requestsEmpty')}</p>
      ) : (
        <RequestTable list="ready" requests={requests} />
      )}
    </section>
  );
}

/**
 * At the circulation desk: a hold for the member whose card was scanned, by a copy's barcode, or
 * by a title of this library found by its words (every copy out, so none is in hand to scan).
 */
export function PlaceHoldForMember({
  cardNumber,
  memberId,
  visitChanges = 0,
}: {
  cardNumber: string;
  memberId: number;
  /** The visit's loans, returns and renewals so far: a held copy lent leaves the list. */
  visitChanges?: number;
}) {
  const { t } = useTranslation();
  const [barcode, setBarcode] = useState('');
  const [placed, setPlaced] = useState(0);
  const place = useAction();
  const message = useMessage();
  const placeHold = async (title: { itemBarcode: string } | { recordId: number }) => {
    message.clear();
    const hold = await place.run(() =>
      answer(
        api.POST('/api/v1/holds', {
          params: { header: idempotent() },
          body: { cardNumber, ...title },
        }),
      ),
    );
    if (!hold) return false;
    setPlaced((n) => n + 1);
    message.say({
      key: 'holdShelf.placed',
      values: { title: hold.title, count: hold.position ?? 1 },
    });
    return true;
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const itemBarcode = barcode.trim();
    if (itemBarcode && (await placeHold({ itemBarcode }))) setBarcode('');
  };
  return (
    <section className="panel place-hold" aria-labelledby="place-hold-title">
      <h2 id="place-hold-title">{t('holdShelf.placeTitle')}</h2>
      <MemberHolds memberId={memberId} placed={placed + visitChanges} />
      <form className="scan-form" onSubmit={submit}>
        <ScanField
          scans="item"
          name="hold-item"
          label={t('holdShelf.placeLabel')}
          hint={t('holdShelf.placeHint')}
          value={barcode}
          onValue={setBarcode}
        />
        <SubmitButton busy={place.busy}>{t('holds.place')}</SubmitButton>
      </form>
      <HoldByTitle busy={place.busy} onHold={(recordId) => void placeHold({ recordId })} />
      <ProblemAlert problem={place.problem} title={t('holds.refused')} />
      {message.text ? (
        <p className="notice notice-info" role="status">
          {message.text}
        </p>
      ) : null}
    </section>
  );
}

/**
 * This library's titles found by their words, for a hold without a copy in hand: a title with a
 * copy on the shelf here is lent, not held (said instead of the button).
 */
function HoldByTitle({ busy, onHold }: { busy: boolean; onHold: (recordId: number) => void }) {
  const { t } = useTranslation();
  const libraryId = useStaffSession().library!.id;
  const [q, setQ] = useState<string | null>(null);
  const search = useCatalogueSearch(q === null ? null : { q, library: libraryId });
  return (
    <details className="hold-by-title">
      <summary>{t('holdShelf.byTitle')}</summary>
      <DeskSearchForm label={t('holdShelf.byTitleLabel')} name="hold-title" onSearch={setQ} />
      {q === null ? null : (
        <CatalogueResults
          q={q}
          search={search}
          list={(titles) => (
            <ul className="hold-titles">
              {titles.map((title) => {
                const onShelf =
                  title.holdings.find((h) => h.library.id === libraryId)?.available ?? 0;
                return (
                  <li key={title.id}>
                    <strong className="loan-title">{title.title}</strong>
                    <TitleByline title={title} />
                    {onShelf > 0 ? (
                      <span className="muted small">
                        {t('holdShelf.onShelfHere', { count: onShelf })}
                      </span>
                    ) : (
                      <button
                        type="button"
                        className="button small"
                        disabled={busy}
                        aria-label={t('holdShelf.holdTitle', { title: title.title })}
                        onClick={() => onHold(title.id)}
                      >
                        {t('holds.place')}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        />
      )}
    </details>
  );
}
