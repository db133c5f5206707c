import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isParticle, pickParticle } from '../../../src/platform/i18n/josa';
import en from './en.json';
import ko from './ko.json';

export const LANGUAGES = ['ko', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'library-one.language';

function savedLanguage(): Language {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ko';
  } catch {
    return 'ko';
  }
}

/** Korean first: the app opens in Korean unless the reader chose English before. */
void i18n.use(initReactI18next).init({
  resources: { ko: { translation: ko }, en: { translation: en } },
  lng: savedLanguage(),
  fallbackLng: 'ko',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

/**
 * `{{library, particle(p: 이/가)}}` is the particle that fits the value (es-hangul): names and
 * numbers are inserted with 이/가, 을/를, 은/는, 으로/로 as Koreans write them, never "이(가)".
 */
i18n.services.formatter?.add('particle', (value, _language, options: { p?: string }) => {
  const particle = options.p ?? '';
  return isParticle(particle) ? pickParticle(String(value ?? ''), particle) : '';
});

function applyToDocument(language: string) {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = language;
  document.title = i18n.t('app.title');
}

applyToDocument(i18n.language);
i18n.on('languageChanged', (language) => {
  applyToDocument(language);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // Private browsing: the choice lasts for this page only.
  }
});

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'ko';
}

export default i18n;
