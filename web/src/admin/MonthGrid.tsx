import { type KeyboardEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';

/** What a day of the month view shows: why it is closed, or a public holiday the library opens on. */
export interface DayMark {
  kind: 'weekly' | 'library' | 'public' | 'open';
  label?: string;
}

/** `YYYY-MM-DD` of a UTC date. */
function iso(day: Date): string {
  return day.toISOString().slice(0, 10);
}

export function shiftDate(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return iso(day);
}

/** The first and last dates of the month of `date`. */
export function monthRange(date: string): { from: string; to: string } {
  const [year, month] = date.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0));
  return { from: `${date.slice(0, 7)}-01`, to: iso(last) };
}

/** The same day of the month `months` away (clamped to the month's end). */
export function shiftMonth(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0));
  target.setUTCDate(Math.min(day, last.getUTCDate()));
  return iso(target);
}

/** Where a key moves the focused day; undefined for other keys. */
function dayKeyStep(key: string, date: string): string | undefined {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  switch (key) {
    case 'ArrowLeft':
      return shiftDate(date, -1);
    case 'ArrowRight':
      return shiftDate(date, 1);
    case 'ArrowUp':
      return shiftDate(date, -7);
    case 'ArrowDown':
      return shiftDate(date, 7);
    case 'PageUp':
      return shiftMonth(date, -1);
    case 'PageDown':
      return shiftMonth(date, 1);
    case 'Home':
      return shiftDate(date, -weekday);
    case 'End':
      return shiftDate(date, 6 - weekday);
    default:
      return undefined;
  }
}

/**
 * A month as a calendar grid, weeks from Sunday as Korean calendars print them. One day button
 * takes the focus (roving tabindex); arrows move by a day or a week, Page Up/Down by a month,
 * Home/End to the week's ends; Enter or Space selects.
 */
export function MonthGrid({
  focused,
  onFocusDate,
  selected,
  onSelect,
  marks,
  today,
}: {
  focused: string;
  onFocusDate(date: string): void;
  selected: string;
  onSelect(date: string): void;
  marks: ReadonlyMap<string, DayMark>;
  today: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const grid = useRef<HTMLTableElement>(null);
  const moved = useRef(false);
  const { from, to } = monthRange(focused);
  const start = shiftDate(from, -new Date(`${from}T00:00:00Z`).getUTCDay());
  const weeks: string[][] = [];
  for (let day = start; day <= to || weeks.at(-1)?.length !== 7; day = shiftDate(day, 1)) {
    if (!weeks.length || weeks.at(-1)!.length === 7) weeks.push([]);
    weeks.at(-1)!.push(day);
  }
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    grid.current?.querySelector<HTMLButtonElement>(`[data-date="${focused}"]`)?.focus();
  }, [focused]);
  const move = (date: string) => {
    moved.current = true;
    onFocusDate(date);
  };
  const onKeyDown = (event: KeyboardEvent, date: string) => {
    const step = dayKeyStep(event.key, date);
    if (!step) return;
    event.preventDefault();
    move(step);
  };
  return (
    <table className="month-grid" ref={grid}>
      <caption>{format.month(from)}</caption>
      <thead>
        <tr>
          {[7, 1, 2, 3, 4, 5, 6].map((d) => (
            <th key={d} scope="col" abbr={format.weekday(d)}>
              {format.weekday(d).slice(0, 1)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week[0]}>
            {week.map((date) => {
              const mark = marks.get(date);
              const inMonth = date >= from && date <= to;
              const label = [
                format.date(date),
                mark?.label,
                mark ? t(`calendar.mark.${mark.kind}`) : null,
                date === today ? t('calendar.today') : null,
              ]
                .filter(Boolean)
                .join(', ');
              return (
                <td key={date} className={inMonth ? undefined : 'outside'}>
                  <button
                    type="button"
                    data-date={date}
                    className={[
                      'day',
                      mark ? `day-${mark.kind}` : '',
                      date === today ? 'day-today' : '',
                    ].join(' ')}
                    tabIndex={date === focused ? 0 : -1}
                    aria-pressed={date === selected}
                    onClick={() => {
                      onFocusDate(date);
                      onSelect(date);
                    }}
                    onKeyDown={(event) => onKeyDown(event, date)}
                  >
                    <span className="visually-hidden">{label}</span>
                    <span aria-hidden="true">{Number(date.slice(8))}</span>
                    {mark?.label ? (
                      <span className="day-label" aria-hidden="true">
                        {mark.label}
                      </span>
                    ) : null}
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
