import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';

interface DailyPoint {
  date: string;
  value: number;
}

/**
 * Bars per day in plain SVG; the axis labels are HTML so they stay readable at phone width, and a
 * table (for screen readers, and on request) carries every number.
 */
export function DailyBarChart({
  title,
  points,
  unit,
  tone = 'primary',
}: {
  title: string;
  points: DailyPoint[];
  unit: string;
  tone?: 'primary' | 'warning';
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const max = Math.max(1, ...points.map((p) => p.value));
  const total = points.reduce((sum, p) => sum + p.value, 0);
  const width = Math.max(points.length, 1) * 10;
  const first = points[0];
  const last = points.at(-1);
  return (
    <figure className="chart">
      <figcaption>
        <span className="chart-title">{title}</span>
        <span className="chart-total">
          {t('dashboard.total', { value: format.number(total), unit })}
        </span>
      </figcaption>
      <div className="chart-frame">
        <span className="chart-max" aria-hidden="true">
          {format.number(max)}
        </span>
        <svg
          className={`chart-bars tone-${tone}`}
          viewBox={`0 0 ${width} 100`}
          preserveAspectRatio="none"
          role="img"
          aria-label={t('dashboard.chartLabel', {
            title,
            total: format.number(total),
            unit,
            max: format.number(max),
          })}
        >
          <line x1="0" y1="100" x2={width} y2="100" className="chart-axis" />
          {points.map((point, index) => {
            const height = (point.value / max) * 96;
            return (
              <rect
                key={point.date}
                x={index * 10 + 1.5}
                y={100 - height}
                width="7"
                height={height}
                className="chart-bar"
              >
                <title>{`${format.date(point.date, false)}: ${format.number(point.value)}${unit}`}</title>
              </rect>
            );
          })}
        </svg>
      </div>
      {first && last ? (
        <div className="chart-x" aria-hidden="true">
          <span>{format.shortDate(first.date)}</span>
          <span>{format.shortDate(last.date)}</span>
        </div>
      ) : null}
      <details className="chart-data">
        <summary>{t('dashboard.showNumbers')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.date')}</th>
              <th scope="col">{title}</th>
            </tr>
          </thead>
          <tbody>
            {points
              .filter((p) => p.value > 0)
              .map((p) => (
                <tr key={p.date}>
                  <td>{format.date(p.date, false)}</td>
                  <td className="number">{format.number(p.value)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

interface LibraryRow {
  id: number;
  name: string;
  total: number;
  part: number;
}

/** Horizontal bars per library: names wrap freely above their bars, however long they are. */
export function LibraryBarChart({
  title,
  rows,
  totalLabel,
  partLabel,
}: {
  title: string;
  rows: LibraryRow[];
  totalLabel: string;
  partLabel: string;
}) {
  const format = useFormat();
  const { t } = useTranslation();
  const [showAll, setShowAll] = useState(false);
  const max = Math.max(1, ...rows.map((r) => r.total));
  const idle = rows.filter((r) => r.total === 0).length;
  const shown = showAll ? rows : rows.filter((r) => r.total > 0);
  return (
    <figure className="chart">
      <figcaption>
        <span className="chart-title">{title}</span>
      </figcaption>
      <p className="chart-legend">
        <span className="legend-swatch tone-primary" aria-hidden="true" /> {totalLabel}
        <span className="legend-swatch tone-warning" aria-hidden="true" /> {partLabel}
      </p>
      <ol className="library-bars">
        {shown.map((row) => (
          <li key={row.id}>
            <span className="library-bar-name">{row.name}</span>
            <span className="library-bar-line">
              <svg
                viewBox="0 0 100 10"
                preserveAspectRatio="none"
                className="library-bar"
                aria-hidden="true"
              >
                <rect
                  x="0"
                  y="0"
                  width={(row.total / max) * 100}
                  height="10"
                  className="bar-total"
                />
                <rect x="0" y="0" width={(row.part / max) * 100} height="10" className="bar-part" />
              </svg>
              <span className="library-bar-value">
                {format.number(row.total)}
                <span className="visually-hidden">
                  {` ${totalLabel}, ${format.number(row.part)} ${partLabel}`}
                </span>
              </span>
            </span>
          </li>
        ))}
      </ol>
      {shown.length === 0 ? <p className="muted">{t('dashboard.noLoans')}</p> : null}
      {idle > 0 ? (
        <button type="button" className="link-button" onClick={() => setShowAll(!showAll)}>
          {showAll ? t('dashboard.hideIdle') : t('dashboard.showIdle', { count: idle })}
        </button>
      ) : null}
    </figure>
  );
}

/** A share as a ring, with the percentage in the middle. */
export function ShareRing({
  title,
  share,
  caption,
}: {
  title: string;
  share: number | null;
  caption: string;
}) {
  const format = useFormat();
  const { t } = useTranslation();
  const value = share ?? 0;
  const circumference = 2 * Math.PI * 15.915;
  const label = share === null ? t('dashboard.noData') : format.percent(value);
  return (
    <figure className="chart chart-ring">
      <figcaption>
        <span className="chart-title">{title}</span>
      </figcaption>
      <svg
        viewBox="0 0 42 42"
        width="168"
        height="168"
        role="img"
        aria-label={`${title}: ${label}`}
      >
        <circle cx="21" cy="21" r="15.915" className="ring-track" />
        <circle
          cx="21"
          cy="21"
          r="15.915"
          className="ring-value"
          strokeDasharray={`${value * circumference} ${circumference}`}
          transform="rotate(-90 21 21)"
        />
        <text x="21" y="23.5" textAnchor="middle" className="ring-text">
          {label}
        </text>
      </svg>
      <p className="muted">{caption}</p>
    </figure>
  );
}
