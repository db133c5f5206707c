import { useTranslation } from 'react-i18next';
import type { useAction, useMessage } from '../hooks';
import { ConfirmButton } from './ConfirmButton';

/**
 * A member's "cancel" on a hold or an inter-library request of theirs: asks first, sends it, then
 * says so (`holds.cancelled`, `requests.cancelled`) and reloads the list. A refusal is left on the
 * action, for the list's ProblemAlert.
 */
export function CancelButton({
  texts,
  title,
  action,
  message,
  send,
  reload,
}: {
  /**
   * Whose texts: `<texts>.cancel`, `.cancelConfirm`, `.cancelYes`, `.cancelled` — the member's
   * own (`holds`, `requests`) or the desk's, which speak of the member (`deskHolds`, `deskRequests`).
   */
  texts: 'holds' | 'requests' | 'deskHolds' | 'deskRequests';
  title: string;
  action: ReturnType<typeof useAction>;
  message: ReturnType<typeof useMessage>;
  send(): Promise<unknown>;
  reload(): void;
}) {
  const { t } = useTranslation();
  return (
    <ConfirmButton
      label={t(`${texts}.cancel`)}
      subject={title}
      question={t(`${texts}.cancelConfirm`, { title })}
      yes={t(`${texts}.cancelYes`)}
      busy={action.busy}
      onConfirm={async () => {
        const done = await action.run(send);
        if (done === undefined) return false;
        message.say({ key: `${texts}.cancelled`, values: { title } });
        reload();
        return true;
      }}
    />
  );
}
