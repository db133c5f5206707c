import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * An action that cannot be undone, asked twice: the button, then the question with "yes" and
 * "go back" (not "cancel": the action is often itself a cancellation). `onConfirm` answers
 * whether it was done (the question then closes).
 */
export function ConfirmButton({
  label,
  question,
  yes,
  busy,
  onConfirm,
}: {
  label: string;
  question: string;
  yes: string;
  busy: boolean;
  onConfirm(): Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="button danger" onClick={() => setConfirming(true)}>
        {label}
      </button>
    );
  }
  return (
    <fieldset className="confirm">
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
        <button type="button" className="button" onClick={() => setConfirming(false)}>
          {t('common.goBack')}
        </button>
      </div>
    </fieldset>
  );
}
