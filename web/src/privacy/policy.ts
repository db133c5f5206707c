import { answer, api } from '../api/client';
import { useResource } from '../hooks';

/** GET /api/v1/privacy-policy: the same facts docs/privacy.md is generated from. */
export function usePrivacyPolicy() {
  return useResource('privacy-policy', () => answer(api.GET('/api/v1/privacy-policy')));
}
