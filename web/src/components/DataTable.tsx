import { type ReactNode, useLayoutEffect, useRef } from 'react';

/** A column heading; a `hidden` one is for screen readers only (e.g. the actions column). */
export type Column = string | { hidden: string };

/**
 * Gives every body cell its column's heading as `data-label`, now and whenever rows change: on a
 * phone the rows stack as cards and each value shows its heading beside it (styles.css), so no
 * date is cut and no action button is scrolled out of sight.
 */
function useCellLabels(labels: string[]) {
  const table = useRef<HTMLTableElement>(null);
  const key = labels.join('\u0000');
  useLayoutEffect(() => {
    const body = table.current?.querySelector('tbody');
    if (!body) return;
    const texts = key.split('\u0000');
    const label = () => {
      for (const row of Array.from(body.querySelectorAll<HTMLTableRowElement>(':scope > tr'))) {
        const cells = row.querySelectorAll<HTMLTableCellElement>(':scope > td, :scope > th');
        Array.from(cells).forEach((cell, index) => {
          const text = (cell.getAttribute('colspan') ?? '1') === '1' ? texts[index] : undefined;
          if (text && cell.dataset.label !== text) cell.dataset.label = text;
          if (!text && cell.dataset.label !== undefined) delete cell.dataset.label;
        });
      }
    };
    label();
    const observer = new MutationObserver(label);
    observer.observe(body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [key]);
  return table;
}

/** The app's data table: a caption (shown, or for screen readers only), headings, the rows. */
export function DataTable({
  caption,
  captionHidden = false,
  columns,
  children,
}: {
  caption: string;
  captionHidden?: boolean;
  columns: Column[];
  children: ReactNode;
}) {
  const table = useCellLabels(columns.map((column) => (typeof column === 'string' ? column : '')));
  return (
    <div className="table-wrap">
      <table className="table" ref={table}>
        <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) =>
              typeof column === 'string' ? (
                <th key={column} scope="col">
                  {column}
                </th>
              ) : (
                <th key={column.hidden} scope="col">
                  <span className="visually-hidden">{column.hidden}</span>
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
