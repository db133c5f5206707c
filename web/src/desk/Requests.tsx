import { type FormEvent, useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api, idempotent } from '../api/client';
import type { InterLibraryRequest } from '../api/types';
import { DataTable } from '../components/DataTable';
import { SubmitButton } from '../components/FormParts';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useAction, useMessage, useResource } from '../hooks';
import { useFormat } from '../i18n/format';
import { ScanAnnouncement, ScanField } from './ScanField';

type List = 'pull' | 'incoming' | 'ready' | 'outgoing-home' | 'incoming-home' | 'away';
type Scan =
  | '/api/v1/requests/sent'
  | '/api/v1/requests/received'
  | '/api/v1/requests/received-home';

/** Each list and the scan that moves its copies on (none: the member collects at checkout). */
const LISTS: { list: List; scan: Scan | null }[] = [
  { list: 'pull', scan: '/api/v1/requests/sent' },
  { list: 'incoming', scan: '/api/v1/requests/received' },
  { list: 'ready', scan: null },
  { list: 'outgoing-home', scan: null },
  { list: 'incoming-home', scan: '/api/v1/requests/received-home' },
  { list: 'away', scan: null },
];

/**
 * What each list shows beside the copy: the other library it matters to (where it goes, where it
 * comes from, whose it is), on the pickup shelf the member it waits for, and, where there is one,
 * the deadline the desk works to.
 */
const COLUMNS: Record<
  List,
  {
    library: 'to' | 'from' | 'home' | 'cameFrom' | 'at';
    of: (r: InterLibraryRequest) => InterLibraryRequest['lendingLibrary'];
    /** The member it waits for (masked), as on the hold shelf. */
    member?: true;
    /** Where in its request a copy away is: travelling, waiting for its member, lent. */
    whereNow?: true;
    by?: { header: 'sendBy' | 'pickupBy'; of: (r: InterLibraryRequest) => string | null };
  }
> = {
  pull: {
    library: 'to',
    of: (r) => r.pickupLibrary,
    by: { header: 'sendBy', of: (r) => r.sendBy },
  },
  incoming: { library: 'from', of: (r) => r.lendingLibrary },
  ready: {
    library: 'home',
    of: (r) => r.lendingLibrary,
    member: true,
    by: { header: 'pickupBy', of: (r) => r.pickupBy },
  },
  'outgoing-home': { library: 'home', of: (r) => r.lendingLibrary },
  'incoming-home': { library: 'cameFrom', of: (r) => r.pickupLibrary },
  away: { library: 'at', of: (r) => r.pickupLibrary, whereNow: true },
};

/** A copy away, in the lender's words: on its way, waiting (until when), lent (due when). */
function whereNow(r: InterLibraryRequest): {
  key: 'onItsWay' | 'waiting' | 'lent' | 'cancelledOnItsWay';
  date?: string | null;
} {
  if (r.status === 'cancelled') return { key: 'cancelledOnItsWay' };
  if (r.state === 'arrived') return { key: 'waiting', date: r.pickupBy };
  if (r.state === 'collected') return { key: 'lent', date: r.dueDate };
  return { key: 'onItsWay' };
}

export function RequestTable({ list, requests }: { list: List; requests: InterLibraryRequest[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { library, of, member, by, whereNow: showWhere } = COLUMNS[list];
  const whereNowText = (copy: InterLibraryRequest) => {
    const where = whereNow(copy);
    return t(`deskRequests.where.${where.key}`, {
      date: where.date ? format.date(where.date) : '—',
    });
  };
  return (
    <DataTable
      caption={t(`deskRequests.list.${list}`)}
      captionHidden
      columns={[
        t('deskRequests.barcode'),
        t('deskRequests.callNumber'),
        t('deskRequests.titleColumn'),
        ...(member ? [t('deskRequests.member')] : []),
        t(`deskRequests.library.${library}`),
        ...(by ? [t(`deskRequests.${by.header}`)] : []),
        ...(showWhere ? [t('deskRequests.whereNow')] : []),
      ]}
    >
      {requests.map((r) => {
        const other = of(r);
        const day = by?.of(r);
        return (
          <tr key={r.id}>
            <td className="mono">{r.itemBarcode ?? '—'}</td>
            <td className="mono">{r.callNumber ?? '—'}</td>
            <td>
              {r.title}
              {list === 'incoming' && r.status === 'cancelled' ? (
                <span className="badge badge-warn">{t('deskRequests.cancelledOnTheWay')}</span>
              ) : null}
            </td>
            {member ? (
              <td>
                {r.heldFor ?? '—'}
                {r.cardNumberTail ? (
                  <span className="muted mono small">{` ·${r.cardNumberTail}`}</span>
                ) : null}
              </td>
            ) : null}
            <td>{other ? format.name(other) : '—'}</td>
            {by ? <td>{day ? format.date(day) : '—'}</td> : null}
            {showWhere ? <td>{whereNowText(r)}</td> : null}
          </tr>
        );
      })}
    </DataTable>
  );
}

/** What the desk is told after a receipt: where the copy goes now (a send scan names its library). */
const SCANNED: Partial<Record<List, 'scannedIncoming' | 'scannedHome'>> = {
  incoming: 'scannedIncoming',
  'incoming-home': 'scannedHome',
};

function RequestList({
  list,
  scan,
  generation,
  onScanned,
}: {
  list: List;
  scan: Scan | null;
  /** Bumped by a scan on any list: a copy received leaves one list for another. */
  generation: number;
  onScanned(): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const requests = useResource(`desk-requests-${list}-${generation}`, () =>
    answer(api.GET('/api/v1/requests/lists/{list}', { params: { path: { list } } })),
  );
  const [barcode, setBarcode] = useState('');
  const action = useAction();
  const announcement = useMessage();
  const inputRef = useRef<HTMLInputElement>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const itemBarcode = barcode.trim();
    if (!itemBarcode || !scan) return;
    announcement.clear();
    const result = await action.run(() =>
      answer(api.POST(scan, { params: { header: idempotent() }, body: { itemBarcode } })),
    );
    if (result) {
      setBarcode('');
      announcement.say({
        key: result.transit
          ? 'deskRequests.scannedTransit'
          : `deskRequests.${SCANNED[list] ?? 'scanned'}`,
        values: {
          title: result.request.title,
          library: result.transit ? format.name(result.transit.to) : '',
        },
      });
      onScanned();
      inputRef.current?.focus();
    } else {
      // The next scan replaces the refused barcode instead of joining it.
      window.setTimeout(() => inputRef.current?.select(), 0);
    }
  };
  return (
    <section className="panel" aria-labelledby={`requests-${list}`}>
      <h2 id={`requests-${list}`}>
        {t(`deskRequests.list.${list}`)}{' '}
        <span className="muted">({requests.data?.requests.length ?? 0})</span>
      </h2>
      <p className="hint">{t(`deskRequests.hint.${list}`)}</p>
      {scan ? (
        <form className="scan-form" onSubmit={submit}>
          <ScanField
            scans="item"
            ref={inputRef}
            id={`scan-${list}`}
            label={t(`deskRequests.scan.${list}`)}
            value={barcode}
            onValue={setBarcode}
          />
          <SubmitButton busy={action.busy}>{t(`deskRequests.submit.${list}`)}</SubmitButton>
        </form>
      ) : null}
      <ScanAnnouncement text={announcement.text} />
      <ProblemAlert problem={action.problem} />
      <ProblemAlert problem={requests.problem} />
      {!requests.data ? (
        <Loading />
      ) : requests.data.requests.length === 0 ? (
        <p className="muted">{t('deskRequests.empty')}</p>
      ) : (
        <RequestTable list={list} requests={requests.data.requests} />
      )}
    </section>
  );
}

/** 상호대차: this library's pull list and transit lists, each with its scan. */
export function DeskRequests() {
  const { t } = useTranslation();
  const [generation, setGeneration] = useState(0);
  const scanned = useCallback(() => setGeneration((g) => g + 1), []);
  return (
    <div className="desk-page">
      <PageTitle>{t('desk.page.requests')}</PageTitle>
      <p className="lead">{t('deskRequests.lead')}</p>
      {LISTS.map(({ list, scan }) => (
        <RequestList
          key={list}
          list={list}
          scan={scan}
          generation={generation}
          onScanned={scanned}
        />
      ))}
    </div>
  );
}
