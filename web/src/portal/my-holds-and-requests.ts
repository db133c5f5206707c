import { answer, api } from '../api/client';
import type { Hold, InterLibraryRequest } from '../api/types';

/** The member's holds and inter-library requests, read together (both lists, every state). */
export async function readMyHoldsAndRequests() {
  const [holds, requests] = await Promise.all([
    answer(api.GET('/api/v1/me/holds')),
    answer(api.GET('/api/v1/me/requests')),
  ]);
  return { holds: holds.holds, requests: requests.requests };
}

/** A hold still waiting for a copy, or with one set aside. */
export const isOpenHold = (hold: Pick<Hold, 'state'>) =>
  hold.state === 'waiting' || hold.state === 'ready';

/** A request not yet collected nor ended: asked for, on its way, or arrived. */
export const isOpenRequest = (request: Pick<InterLibraryRequest, 'state'>) =>
  request.state === 'requested' || request.state === 'sent' || request.state === 'arrived';
