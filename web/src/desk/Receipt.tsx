import { useTranslation } from 'react-i18next';
import type { Library, LibraryRef } from '../api/types';
import { useFormat } from '../i18n/format';

export interface ReceiptLine {
  /** `current`: a loan from before this visit, on a receipt of all the member's loans. */
  kind: 'loan' | 'renewal' | 'return' | 'current';
  title: string;
  barcode: string;
  /** Due date for loans and renewals, return day for returns. */
  date: string;
  note?: string;
  /** The lending library when it is not this one (a receipt of all loans). */
  library?: Pick<LibraryRef, 'id' | 'nameKo' | 'nameEn'>;
  /** Another library's copy lent here through a request: its own library takes it back too. */
  alsoReturnAt?: Pick<LibraryRef, 'id' | 'nameKo' | 'nameEn'>;
}

/** Masks all but the last four digits: a receipt may be left on the counter. */
export function maskedCard(number: string): string {
  return `${'•'.repeat(Math.max(0, number.length - 4))}${number.slice(-4)}`;
}

/** The slip handed over the counter; print CSS prints only this. */
export function Receipt({
  library,
  day,
  memberName,
  cardNumber,
  lines,
  footer,
}: {
  library: Library;
  day: string;
  memberName?: string | null;
  cardNumber?: string;
  lines: ReceiptLine[];
  footer?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (lines.length === 0) return null;
  const requestedCopies = lines.some((line) => line.alsoReturnAt && line.kind !== 'return');
  return (
    <section className="receipt" aria-labelledby="receipt-title">
      <h2 id="receipt-title" className="receipt-title">
        {t('receipt.title')}
      </h2>
      <p className="receipt-library">{format.name(library)}</p>
      {library.phone ? <p className="receipt-small">{library.phone}</p> : null}
      <p className="receipt-small">{format.date(day)}</p>
      {memberName || cardNumber ? (
        <p className="receipt-small">
          {[memberName, cardNumber ? maskedCard(cardNumber) : null].filter(Boolean).join(' · ')}
        </p>
      ) : null}
      <table className="receipt-table">
        <thead>
          <tr>
            <th scope="col">{t('receipt.item')}</th>
            <th scope="col">{t('receipt.date')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a printed list without state; another library's loans have no barcode to tell them apart
            <tr key={`${line.kind}-${line.barcode}-${line.date}-${index}`}>
              <td>
                <span className="receipt-kind">{t(`receipt.kind.${line.kind}`)}</span> {line.title}
                {line.library && line.library.id !== library.id ? (
                  <span className="receipt-small">{format.name(line.library)}</span>
                ) : null}
                <span className="receipt-small receipt-barcode">{line.barcode}</span>
                {line.note ? <span className="receipt-small">{line.note}</span> : null}
                {line.alsoReturnAt && line.kind !== 'return' ? (
                  <span className="receipt-small">
                    {t('receipt.alsoReturnAt', { library: format.name(line.alsoReturnAt) })}
                  </span>
                ) : null}
              </td>
              <td className="receipt-date">
                {line.kind === 'return'
                  ? format.date(line.date)
                  : t('receipt.dueDate', { date: format.date(line.date) })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {footer ? <p className="receipt-small">{footer}</p> : null}
      {lines.some((line) => line.kind !== 'return') &&
      lines.every((line) => !line.library || line.library.id === library.id) ? (
        <p className="receipt-small">
          {t(requestedCopies ? 'receipt.returnHereOrHome' : 'receipt.returnHere', {
            library: format.name(library),
          })}
        </p>
      ) : null}
    </section>
  );
}
