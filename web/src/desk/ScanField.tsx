import type { ComponentProps } from 'react';
import { Field } from '../components/Field';

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
