import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { appliedIdOf, type Problem, type ProblemReason, sentenceOf } from '../api/client';
import { useFocusWhenLost } from '../focus';
import { areaOf, useRouter } from '../router';

interface Props {
  problem: Problem | undefined;
  /** The desk's refusals: a large sentence someone reads across the counter. */
  large?: boolean;
  title?: string;
  /** What the reasons refer to, shown after them (the desk's list of overdue books). */
  children?: ReactNode;
  /** When the server could not be reached: send the same request again. */
  onRetry?: () => void;
}

/**
 * A refusal as plain sentences: every reason the API gave (in the reader's language), what to do
 * next, and the stable code for the help desk.
 */
export function ProblemAlert({ problem, large = false, title, children, onRetry }: Props) {
  const { t, i18n } = useTranslation();
  // Staff (desk, admin) get the advice written for them where a code has one: not the member's.
  const area = areaOf(useRouter().path);
  const forStaff = area === 'desk' || area === 'admin';
  // A refusal after a button that was disabled while busy: the refusal takes the focus.
  const alert = useFocusWhenLost<HTMLDivElement>(problem);
  if (!problem) return null;
  if (appliedIdOf(problem) !== undefined) {
    // Not a refusal: the write was made the first time, only its answer never arrived.
    return (
      <div className="notice" role="status">
        <p>{problem.detail}</p>
        <p>{t('problem.appliedNext')}</p>
      </div>
    );
  }
  const reasons: ProblemReason[] = problem.reasons.length > 0 ? problem.reasons : [problem];
  return (
    <div
      className={large ? 'problem problem-large' : 'problem'}
      role="alert"
      ref={alert}
      tabIndex={-1}
    >
      {title ? <p className="problem-title">{title}</p> : null}
      <ul className="problem-reasons">
        {reasons.map((reason, index) => {
          // The advice for a code is given once, after its last reason; a copy the reason says is
          // kept for a member (set aside for a hold), goes to another library or is a requested
          // copy not yet received here has its own.
          const last = !reasons.slice(index + 1).some((r) => r.code === reason.code);
          const context = adviceContext(reason.params);
          const staffAdvice = `next.${reason.code}_staff`;
          const next = !last
            ? ''
            : forStaff && !context && i18n.exists(staffAdvice)
              ? t(staffAdvice)
              : t(`next.${reason.code}`, { context, defaultValue: '' });
          return (
            <li key={`${reason.code}-${reason.detail}`} className="problem-reason">
              <p className="problem-detail">{sentenceOf(reason, i18n.language)}</p>
              {next ? <p className="problem-next">{next}</p> : null}
              <p className="problem-code">
                {t('problem.code')} <code>{reason.code}</code>
              </p>
            </li>
          );
        })}
      </ul>
      {children}
      {onRetry && problem.code === 'NETWORK_ERROR' ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('problem.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** Which advice a reason's facts call for (an i18next context of `next.<code>`). */
function adviceContext(params: ProblemReason['params']): string | undefined {
  // A card no member is kept for (its member withdrew); a dead card typed to sign in.
  if (params?.card === 'retired') return 'retired';
  if (params?.signIn === 'card') return 'signIn';
  // A withdrawal refused: what lets it through, not when borrowing may start again.
  if (params?.refused === 'withdrawal') return 'withdrawal';
  // The person registered at the desk is a member, or has applied online (verified at home).
  if (params?.existing === 'member') return 'member';
  if (params?.existing === 'pending')
    return params.verifyAt === 'here' ? 'pendingHere' : 'pendingElsewhere';
  // A member's card scanned where the item goes.
  if (params?.scanned === 'card') return 'card';
  // Too many cards of members held elsewhere looked up at this library: why there is a limit.
  if (params?.limited === 'cardLookups') return 'cardLookups';
  if (params?.heldFor) return 'held';
  // Another library's copy scanned to lend: what the member may do instead.
  if (params?.at === 'checkout') return 'otherLibrary';
  if (params?.sendTo) return 'transit';
  // A barcode on copies of several other libraries: the book's label tells which.
  if (params?.owners) return 'shared';
  // This library's copy in no request, scanned to send or receive: it goes back on the shelf.
  if (params?.request === 'none') return 'shelf';
  // … or a request lends another copy of its title: find that one.
  if (params?.request === 'otherCopy') return 'otherCopy';
  // A requested copy: at the library lending it (it names the pickup library), or at its pickup library.
  if (params?.requestState === 'requested') return 'sendOut';
  if (params?.pickupLibrary) return 'toPickup';
  if (params?.requestState === 'sent') return 'receive';
  if (params?.requestState === 'returning') return 'receiveHome';
  return undefined;
}
