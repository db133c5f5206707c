import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/client';
import { Field } from '../components/Field';
import type { ScanQueue } from './scan-queue';

/**
 * A field a barcode scanner types into, then Enter: no spelling help, no autofill; a card
 * number is digits (numeric keyboard), an item barcode keeps its capitals.
 */
export function ScanField({
  scans,
  ...field
}: { scans: 'card' | 'item' } & ComponentProps<typeof Field>) {
  return (
    <Field
      name={scans}
      autoComplete="off"
      spellCheck={false}
      {...(scans === 'card' ? { inputMode: 'numeric' } : { autoCapitalize: 'characters' })}
      className="scan-field"
      {...field}
    />
  );
}

/** Read out by screen readers after each scan (what was lent, returned or refused). */
export function ScanAnnouncement({ text }: { text: string }) {
  return (
    <p className="sr-status" role="status" aria-live="polite">
      {text}
    </p>
  );
}

/** The scans waiting for the one before them; after a refusal, staff go on or drop them. */
export function WaitingScans({ queue }: { queue: ScanQueue }) {
  const { t } = useTranslation();
  if (queue.waiting.length === 0) return null;
  return (
    <div className={queue.held ? 'notice notice-warn waiting-scans' : 'waiting-scans'}>
      <p>
        {t('desk.scansWaiting', {
          count: queue.waiting.length,
          barcodes: queue.waiting.join(', '),
        })}
      </p>
      {queue.held ? (
        <>
          <p>{t('desk.scansHeld')}</p>
          <div className="button-row">
            <button type="button" className="button primary" onClick={queue.goOn}>
              {t('desk.scansGoOn')}
            </button>
            <button type="button" className="button" onClick={queue.drop}>
              {t('desk.scansDrop')}
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
}

/**
 * An item barcode with small letters refused as unknown: barcodes are printed in capitals, and a
 * scanner types small ones when Caps Lock is on. Said beside the refusal; nothing is guessed.
 */
export function CapsLockHint({ problem, barcode }: { problem?: Problem; barcode: string }) {
  const { t } = useTranslation();
  const unknown = problem?.reasons.some((reason) => reason.code === 'ITEM_UNKNOWN');
  if (!unknown || !/[a-z]/.test(barcode)) return null;
  return <p className="problem-next caps-lock">{t('desk.smallLetters', { barcode })}</p>;
}
