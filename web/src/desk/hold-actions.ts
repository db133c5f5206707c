import { answer, api, idempotent } from '../api/client';

/** A hold at this desk's library cancelled (the member's word, or the hold shelf), under a key. */
export function cancelDeskHold(holdId: number) {
  return answer(
    api.POST('/api/v1/holds/{holdId}/cancellation', {
      params: { path: { holdId }, header: idempotent() },
    }),
  );
}
