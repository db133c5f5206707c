import { stringify } from 'csv-stringify/browser/esm/sync';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import type { AuditArea as Area, AuditPage } from '../api/types';
import { DataTable } from '../components/DataTable';
import { Field, SelectField } from '../components/Field';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { StatusLine } from '../components/StatusLine';
import { saveFile } from '../components/save-file';
import { useAction, useMessage, useResource } from '../hooks';
import { type AuditCells, type AuditEvent, shortPseudonym, useAuditCells } from './audit-cells';
import { usePicker } from './slot';

/** The kinds to choose from, in this order; an area the API adds fails the type-check here. */
const AREA_CHOICES: Record<Area, true> = {
  memberLooks: true,
  members: true,
  cards: true,
  circulation: true,
  holdsAndRequests: true,
  holdings: true,
  rulesAndCalendars: true,
  accounts: true,
};
const AREAS = Object.keys(AREA_CHOICES) as Area[];

interface Filter {
  area?: Area;
  /** A staff member of the library the filter was set for. */
  staff?: { libraryId: number | null; staffId: number };
  from?: string;
  to?: string;
  /** One member's events, by their pseudonym. */
  pseudonym?: string;
}

/** The API's query for a filter; a staff member chosen at another library is not this one's. */
function queryOf(libraryId: number | null, { staff, ...filter }: Filter) {
  const staffId = staff?.libraryId === libraryId ? staff.staffId : undefined;
  return { libraryId: libraryId ?? undefined, ...filter, staffId };
}

function loadPage(libraryId: number | null, filter: Filter, before?: number) {
  const query = { ...queryOf(libraryId, filter), before };
  return answer(api.GET('/api/v1/audit-events', { params: { query } }));
}

/**
 * The audit log of a library (or, for the network admin, of the whole network), newest first:
 * who did what, a page at a time; the monthly review of looks at members' records is one kind.
 */
export function AuditLog({ libraryId }: { libraryId: number | null }) {
  const { t } = useTranslation();
  const picker = usePicker();
  const [filter, setFilter] = useState<Filter>({});
  const [area, setArea] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  // The staff member chosen, for the library whose staff list it came from.
  const [staff, setStaff] = useState<{ libraryId: number | null; staffId: string }>({
    libraryId,
    staffId: '',
  });
  const staffId = staff.libraryId === libraryId ? staff.staffId : '';
  const [older, setOlder] = useState<{ key: string; pages: AuditPage[] }>({ key: '', pages: [] });
  const key = `audit${JSON.stringify(queryOf(libraryId, filter))}`;
  const first = useResource(key, () => loadPage(libraryId, filter));
  const more = useAction();
  const saving = useAction();
  const message = useMessage();
  const cells = useAuditCells(libraryId === null);

  const pages = first.data ? [first.data, ...(older.key === key ? older.pages : [])] : [];
  const events = pages.flatMap((page) => page.events);
  const nextBefore = pages.at(-1)?.nextBefore ?? null;

  const show = (event: FormEvent) => {
    event.preventDefault();
    setFilter({
      ...filter,
      area: (area || undefined) as Area | undefined,
      staff: staffId ? { libraryId, staffId: Number(staffId) } : undefined,
      from: from || undefined,
      to: to || undefined,
    });
  };
  const loadOlder = async () => {
    if (nextBefore === null) return;
    const page = await more.run(() => loadPage(libraryId, filter, nextBefore));
    if (page) setOlder({ key, pages: [...(older.key === key ? older.pages : []), page] });
  };

  const follow = (pseudonym: string | undefined) => setFilter({ ...filter, pseudonym });

  const saveCsv = async () => {
    message.clear();
    const all = await saving.run(() => loadAll(libraryId, filter));
    if (!all) return;
    const name = [t('audit.fileName'), filter.from, filter.to].filter(Boolean).join('-');
    const rows = all.events.map(cells.forFile);
    const text = stringify(rows, { header: true, columns: cells.columns, bom: true });
    saveFile(`${name}.csv`, text, 'text/csv;charset=utf-8');
    message.say({
      key: all.cut ? 'audit.savedCut' : 'audit.saved',
      values: { count: all.events.length },
    });
  };

  return (
    <div className="audit-log">
      <PageTitle>{t('admin.page.audit')}</PageTitle>
      {picker}
      <p className="lead">{t('audit.lead')}</p>
      <p className="muted">{t('audit.privacyHint')}</p>
      <form className="period-form" onSubmit={show}>
        <SelectField label={t('audit.area')} value={area} onChange={(e) => setArea(e.target.value)}>
          <option value="">{t('audit.allAreas')}</option>
          {AREAS.map((name) => (
            <option key={name} value={name}>
              {t(`audit.areas.${name}`)}
            </option>
          ))}
        </SelectField>
        {libraryId === null ? null : (
          <StaffChoice
            libraryId={libraryId}
            value={staffId}
            onChange={(id) => setStaff({ libraryId, staffId: id })}
          />
        )}
        <Field label={t('audit.from')} type="date" value={from} onValue={setFrom} />
        <Field label={t('audit.to')} type="date" value={to} onValue={setTo} />
        <button type="submit" className="button">
          {t('audit.show')}
        </button>
      </form>
      {filter.pseudonym ? (
        <p className="notice">
          {t('audit.following', { pseudonym: shortPseudonym(filter.pseudonym) })}{' '}
          <button type="button" className="button small" onClick={() => follow(undefined)}>
            {t('audit.everyone')}
          </button>
        </p>
      ) : null}
      <ProblemAlert problem={first.problem ?? more.problem} />
      {first.data && events.length > 0 ? (
        <div className="button-row">
          <button type="button" className="button" disabled={saving.busy} onClick={saveCsv}>
            {t('audit.download')}
          </button>
        </div>
      ) : null}
      <ProblemAlert problem={saving.problem} />
      <StatusLine text={message.text} />
      {first.data ? (
        <AuditTable
          events={events}
          cells={cells}
          onFollow={filter.pseudonym ? undefined : follow}
        />
      ) : first.loading ? (
        <Loading />
      ) : null}
      {first.data && nextBefore !== null ? (
        <button type="button" className="button" disabled={more.busy} onClick={loadOlder}>
          {t('audit.more')}
        </button>
      ) : null}
      {first.data && events.length > 0 && nextBefore === null ? (
        <p className="muted">{t('audit.end')}</p>
      ) : null}
    </div>
  );
}

/** The library's staff accounts, to see what one of them did. */
function StaffChoice({
  libraryId,
  value,
  onChange,
}: {
  libraryId: number;
  value: string;
  onChange(staffId: string): void;
}) {
  const { t } = useTranslation();
  const path = { libraryId };
  const list = useResource(`admin-staff-${libraryId}`, () =>
    answer(api.GET('/api/v1/libraries/{libraryId}/staff', { params: { path } })),
  );
  return (
    <SelectField label={t('audit.staff')} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('audit.allStaff')}</option>
      {(list.data?.staff ?? []).map((member) => (
        <option key={member.id} value={member.id}>
          {`${member.displayName} (${member.username})`}
        </option>
      ))}
    </SelectField>
  );
}

function AuditTable({
  events,
  cells,
  onFollow,
}: {
  events: AuditEvent[];
  cells: AuditCells;
  /** Shows one member's events: a button beside each pseudonym. */
  onFollow: ((pseudonym: string) => void) | undefined;
}) {
  const { t } = useTranslation();
  if (events.length === 0) return <p>{t('audit.none')}</p>;
  const subject = cells.columns.length - 2;
  return (
    <DataTable caption={t('audit.caption', { count: events.length })} columns={cells.columns}>
      {events.map((event) => {
        const row = cells.forScreen(event);
        const details = row.pop();
        return (
          <tr key={event.id}>
            {row.map((cell, n) => (
              <td key={cells.columns[n]}>
                {cell}
                {n === subject && onFollow && event.memberPseudonym ? (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="link-button small"
                      // The visible words first (a voice user says them), then whose.
                      aria-label={t('audit.followNamed', {
                        pseudonym: shortPseudonym(event.memberPseudonym),
                      })}
                      onClick={() => onFollow(event.memberPseudonym!)}
                    >
                      {t('audit.follow')}
                    </button>
                  </>
                ) : null}
              </td>
            ))}
            <td>
              <code className="audit-details">{details}</code>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}

/** At most this many events go into one file (20 pages of 500): a longer log wants a shorter period. */
const MOST_IN_FILE = 10_000;

/** Every event the filter matches, newest first, up to `MOST_IN_FILE`. */
async function loadAll(libraryId: number | null, filter: Filter) {
  const events: AuditEvent[] = [];
  let before: number | undefined;
  do {
    const query = { ...queryOf(libraryId, filter), before, limit: 500 };
    const page = await answer(api.GET('/api/v1/audit-events', { params: { query } }));
    events.push(...page.events);
    before = page.nextBefore ?? undefined;
  } while (before !== undefined && events.length < MOST_IN_FILE);
  return { events: events.slice(0, MOST_IN_FILE), cut: before !== undefined };
}
