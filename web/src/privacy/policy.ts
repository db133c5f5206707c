import { api } from '../api/client';
import { useResource } from '../hooks';

/** A text in both languages. */
export interface Bilingual {
  ko: string;
  en: string;
}

/** GET /api/v1/privacy-policy: the same facts docs/privacy.md is generated from. */
export interface PrivacyPolicy {
  version: string;
  controller: Bilingual;
  consent: {
    version: string;
    title: Bilingual;
    items: Bilingual;
    purpose: Bilingual;
    retention: Bilingual;
    refusal: Bilingual;
  };
  periods: Record<string, number>;
  records: {
    table: string;
    columns: string[];
    purpose: Bilingual;
    retention: Bilingual;
    readers: Bilingual;
  }[];
  elsewhere: { what: Bilingual; holds: Bilingual; retention: Bilingual }[];
}

export function usePrivacyPolicy() {
  return useResource('privacy-policy', () => api.get<PrivacyPolicy>('/api/v1/privacy-policy'));
}
