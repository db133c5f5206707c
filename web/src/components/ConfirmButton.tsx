import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * An action that cannot be undone, asked twice: the button, then the question with "yes" and
 * "go back" (not "cancel": the action is often itself a cancellation). `onConfirm` answers
 * whether it was done (the question then closes). The keyboard follows: to the question when it
 * opens, back to the button when staff or a member go back. `subject` names what the button acts
 * on for a screen reader, where a list has one such button a row.
 */
export function ConfirmButton({
  label,
  subject,
  question,
  yes,
  busy,
  onConfirm,
}: {
  label: string;
  subject?: string;
  question: string;
  yes: string;
  busy: boolean;
  onConfirm(): Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const asked = useRef<HTMLFieldSetElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const wentBack = useRef(false);
  useEffect(() => {
    if (confirming) asked.current?.focus();
    else if (wentBack.current) button.current?.focus();
    wentBack.current = false;
  }, [confirming]);
  if (!confirming) {
    return (
      <button
        type="button"
        className="button danger"
        ref={button}
        aria-label={subject ? `${label}: ${subject}` : undefined}
        onClick={() => setConfirming(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <fieldset className="confirm" ref={asked} tabIndex={-1}>
      <legend className="strong">{question}</legend>
      <div className="button-row">
        <button
          type="button"
          className="button danger"
          disabled={busy}
          onClick={async () => {
            if (await onConfirm()) setConfirming(false);
          }}
        >
          {yes}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            wentBack.current = true;
            setConfirming(false);
          }}
        >
          {t('common.goBack')}
        </button>
      </div>
    </fieldset>
  );
}
