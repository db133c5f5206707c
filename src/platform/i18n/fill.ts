import { isParticle, withParticle } from './josa.js';

export type Language = 'ko' | 'en';
export type Params = Record<string, string | number | null | undefined>;

/**
 * Fills `{name}` (and `{name|은/는}`: the value with the particle that fits it) from the
 * parameters; `{library}` reads `libraryEn` in English when given. `display` writes a value as the
 * sentence shows it (the service's messages write dates in its style; the web app shares the rest).
 */
export function fillTemplate(
  template: string,
  language: Language,
  params: Params,
  display: (value: string | number, language: Language) => string = String,
): string {
  return template.replace(/\{(\w+)(?:\|([^}]+))?\}/g, (_, name: string, particle?: string) => {
    const value = (language === 'en' ? params[`${name}En`] : undefined) ?? params[name];
    if (value === undefined || value === null) return '—';
    const text = display(value, language);
    return particle && isParticle(particle) ? withParticle(text, particle) : text;
  });
}

/** A dictionary entry of an i18n file itself, never one inherited (`constructor`, `toString`). */
export function entry(dictionary: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(dictionary, key) ? dictionary[key] : undefined;
}
