import {
  cancelHoldOfTitleAtDesk,
  type HoldView,
  holdOfTitleChangedToday,
  placeHoldAtDesk,
} from '../../modules/holds/index.js';
import type { Language, Reason } from '../../platform/errors.js';
import type { MessageOf } from '../messages.js';
import { refusalText, say } from '../screen.js';
import { type AcsRequest, answerBase, attempt, countRefusals, missingField } from './session.js';
import { presentPatron } from './standing.js';

/** The title a hold names: a copy's barcode at this library (AB), else a record id (AJ). */
function titleKey(request: MessageOf<'15'>): { itemBarcode: string } | { recordId: number } | null {
  const barcode = request.itemIdentifier?.trim();
  if (barcode) return { itemBarcode: barcode };
  const title = request.titleIdentifier?.trim() ?? '';
  if (/^\d{1,9}$/.test(title)) return { recordId: Number(title) };
  return null;
}

function refusedHold(
  acs: AcsRequest,
  answer: MessageOf<'16'>,
  reasons: readonly Reason[],
): MessageOf<'16'> {
  countRefusals(acs, '15', reasons);
  return { ...answer, screenMessage: refusalText(reasons, acs.terminal.language) };
}

/**
 * 15 → 16: place (`+`) or cancel (`-`) the patron's hold of a title at this library, by a copy's
 * barcode (AB) or the title's record id (AJ), under the same rules as the desk (with the PIN where
 * the network requires it). The answer gives the place in line (BR) and the library (BS).
 */
export async function holdTitle(
  acs: AcsRequest,
  request: MessageOf<'15'>,
): Promise<MessageOf<'16'>> {
  const language = acs.terminal.language;
  const answer: MessageOf<'16'> = {
    code: '16',
    ok: false,
    available: false,
    ...answerBase(acs),
    patronIdentifier: request.patronIdentifier,
    ...(request.itemIdentifier ? { itemIdentifier: request.itemIdentifier } : {}),
  };
  if (request.holdMode !== '+' && request.holdMode !== '-') {
    return {
      ...answer,
      screenMessage: say('notSupported', language, { command: `15 ${request.holdMode}` }),
    };
  }
  const title = titleKey(request);
  if (!title) return refusedHold(acs, answer, [missingField('AB')]);
  const patron = await presentPatron(acs, request.patronIdentifier, request.patronPassword);
  if (!patron.ok) return refusedHold(acs, answer, patron.reasons);
  const input = { cardNumber: request.patronIdentifier, ...title };
  const placing = request.holdMode === '+';
  const done = await attempt(() =>
    placing
      ? placeHoldAtDesk(acs.context, acs.terminal.actor, input)
      : cancelHoldOfTitleAtDesk(acs.context, acs.terminal.actor, input),
  );
  if (done.ok) return heldAnswer(acs, answer, done.value, placing ? 'holdPlaced' : 'holdCancelled');
  const earlier = await changedEarlierToday(acs, input, placing, done.reasons);
  if (earlier) {
    return heldAnswer(acs, answer, earlier, placing ? 'alreadyHeld' : 'alreadyCancelled');
  }
  return refusedHold(acs, answer, done.reasons);
}

/**
 * A 15 sent again (the machine got no answer): the hold it placed or cancelled earlier today, as
 * it stands, when the refusal says the hold is there already (HOLD_DUPLICATE) or gone (NOT_FOUND).
 */
async function changedEarlierToday(
  acs: AcsRequest,
  input: Parameters<typeof holdOfTitleChangedToday>[2],
  placing: boolean,
  reasons: readonly Reason[],
): Promise<HoldView | null> {
  const refusal = placing ? 'HOLD_DUPLICATE' : 'NOT_FOUND';
  if (!reasons.some((r) => r.code === refusal)) return null;
  const change = placing ? 'placed' : 'cancelled';
  return holdOfTitleChangedToday(acs.context, acs.terminal.actor, input, change);
}

type HoldSentence = 'holdPlaced' | 'holdCancelled' | 'alreadyHeld' | 'alreadyCancelled';

/** A 16 for a hold: ready or not, the place in line, the pickup library, and what happened. */
function heldAnswer(
  acs: AcsRequest,
  answer: MessageOf<'16'>,
  hold: HoldView,
  sentence: HoldSentence,
): MessageOf<'16'> {
  return {
    ...answer,
    ok: true,
    available: hold.state === 'ready',
    ...(hold.position === null ? {} : { queuePosition: hold.position }),
    pickupLocation: acs.terminal.library.code,
    titleIdentifier: hold.title,
    screenMessage: heldSentence(hold, sentence, acs.terminal.language),
  };
}

/**
 * What happened, and the place in line; a hold placed earlier today whose copy has come back
 * since is ready, and the screen says until when it is kept instead of a place in line.
 */
function heldSentence(hold: HoldView, sentence: HoldSentence, language: Language): string {
  if (sentence === 'alreadyHeld' && hold.state === 'ready' && hold.pickupUntil) {
    return say('alreadyHeldReady', language, { until: hold.pickupUntil });
  }
  return say(sentence, language, { position: hold.position ?? 1 });
}
