import { answer, api } from '../api/client';
import type { Answer } from '../api/types';
import { useResource } from '../hooks';

/** GET /api/v1/privacy-policy: the same facts docs/privacy.md is generated from. */
export type PrivacyPolicy = Answer<'getPrivacyPolicy'>;
/** A text in both languages. */
export type Bilingual = PrivacyPolicy['controller'];

export function usePrivacyPolicy() {
  return useResource('privacy-policy', () => answer(api.GET('/api/v1/privacy-policy')));
}
