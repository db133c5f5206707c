import ajvKo from 'ajv-i18n/localize/ko/index.js';
import { BUSINESS_TIME_ZONE } from '../clock.js';
import { wallClockTime } from '../dates.js';
import { entry, fillTemplate as fillShared, type Language, type Params } from './fill.js';
import { itemImportSentence } from './item-import.js';
import { withParticle } from './josa.js';
import validation from './validation.json' with { type: 'json' };

interface AjvErrorLike {
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}
type Localize = (errors: AjvErrorLike[]) => void;
/** ajv-i18n's Korean messages: a CommonJS function (its types declare it a default export). */
const localizeKo = ((ajvKo as unknown as { default?: Localize }).default ??
  ajvKo) as unknown as Localize;

const LOCALES: Record<Language, string> = { ko: 'ko-KR', en: 'en-GB' };
const BUSINESS_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Made once: a formatter costs far more to make than to use (a SIP2 answer formats a date). */
const DATE_FORMATS: Record<Language, ReturnType<typeof dateFormats>> = {
  ko: dateFormats(LOCALES.ko),
  en: dateFormats(LOCALES.en),
};

function dateFormats(locale: string) {
  return {
    date: new Intl.DateTimeFormat(locale, {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
    }),
    weekday: new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short' }),
  };
}

/**
 * A business date (YYYY-MM-DD) in the one style of the service: 2026년 12월 2일 (수) in Korean,
 * Wed 2 December 2026 in English (the web app's format.ts writes the same).
 */
export function formatBusinessDate(date: string, language: Language): string {
  const day = new Date(`${date}T00:00:00Z`);
  const formats = DATE_FORMATS[language];
  const text = formats.date.format(day);
  const weekday = formats.weekday.format(day);
  return language === 'ko' ? `${text} (${weekday})` : `${weekday} ${text}`;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** An instant as a person in Korea reads it: 2026년 12월 2일 (수) 00:30 / Wed 2 December 2026 00:30. */
export function formatInstant(iso: string, language: Language): string {
  // Korean time, as the libraries and their readers live by it.
  const time = wallClockTime(new Date(iso), BUSINESS_TIME_ZONE);
  const date = `${time.year}-${time.month}-${time.day}`;
  return `${formatBusinessDate(date, language)} ${time.hour}:${time.minute}`;
}

/**
 * A parameter's value as a sentence shows it: dates and instants in the service's style (never
 * 2026-12-02 or 2026-12-01T15:30:00Z to a person), the rest as is.
 */
export function displayValue(value: string | number, language: Language): string {
  const text = String(value);
  if (BUSINESS_DATE.test(text)) return formatBusinessDate(text, language);
  return INSTANT.test(text) ? formatInstant(text, language) : text;
}

/** Fills a template as `fill.ts` does, writing dates and instants in the service's style. */
export function fillTemplate(template: string, language: Language, params: Params): string {
  return fillShared(template, language, params, displayValue);
}

const FIELDS: Record<Language, Record<string, string>> = validation.fields;
const KEYWORDS: Record<Language, Record<string, string>> = validation.keywords;
const REASONS: Record<string, string> = validation.reasons.ko;

/** The reasons whose English carries a value (`at most {max} entries`), as patterns that read it. */
const REASON_TEMPLATES = Object.entries(REASONS)
  .filter(([english]) => english.includes('{'))
  .map(([english, korean]) => {
    const names: string[] = [];
    const source = english
      .split(/\{(\w+)\}/)
      .map((part, index) => {
        if (index % 2 === 0) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
        names.push(part);
        return '(.+?)';
      })
      .join('');
    return { pattern: new RegExp(`^${source}$`), names, korean };
  });

/** A reason of the sources in Korean: its own entry, or a template's with the values it carries. */
function koreanReason(reason: string): string | undefined {
  const own = entry(REASONS, reason);
  if (own !== undefined) return own;
  for (const { pattern, names, korean } of REASON_TEMPLATES) {
    const match = pattern.exec(reason);
    if (match) {
      const values = Object.fromEntries(names.map((name, i) => [name, match[i + 1]]));
      return fillTemplate(korean, 'ko', values);
    }
  }
  return undefined;
}

/** `body.phone` → 전화번호 (the i18n file's name of the field), or null when it names none. */
function fieldName(field: string | number | null | undefined, language: Language): string | null {
  if (typeof field !== 'string') return null;
  const last = field.split('.').at(-1) ?? '';
  return entry(FIELDS[language], last) ?? null;
}

/** What a JSON-schema keyword says, in the reader's language (ajv-i18n where ours has none). */
function keywordSentence(params: Params, language: Language): string | null {
  const keyword = typeof params.keyword === 'string' ? params.keyword : null;
  if (!keyword) return null;
  const own =
    entry(KEYWORDS[language], `${keyword}.${params.format ?? params.type ?? ''}`) ??
    entry(KEYWORDS[language], keyword);
  if (own) return fillTemplate(own, language, params);
  if (language === 'en') return null;
  const error: AjvErrorLike = { keyword, params: { ...params }, message: '' };
  localizeKo([error]);
  return error.message || null;
}

/**
 * A VALIDATION_FAILED sentence that names the field in the reader's language: "전화번호는 9자
 * 이상이어야 합니다", "Phone number must be at least 9 characters long". Null when neither the
 * field nor the reason is known (the catalogue's general sentence is used).
 */
/** Validation reasons that are whole sentences to the person, whatever field they are put on. */
const ADDRESSED_TO_THE_PERSON = [
  /^a phone number or an e-mail address is required$/,
  /^give q or isbn$/,
  /^give a phone number, or a name and a birth date$/,
  /^the period may cover at most \d+ days$/,
  /^".*" is not an IP address or a CIDR range/,
];

export function validationSentence(language: Language, params: Params): string | null {
  // A holdings file refused as a whole says why in its own words (item-import.json).
  if (typeof params.importCode === 'string') {
    return `${itemImportSentence(params.importCode, language, params)}.`;
  }
  const reason = typeof params.reason === 'string' ? params.reason : '';
  const predicate =
    keywordSentence(params, language) ??
    (language === 'ko' ? koreanReason(reason) : reason) ??
    null;
  if (!predicate) return null;
  // A sentence to the person, not about one field: said alone ("전화번호는 전화번호나 …" is not Korean).
  if (ADDRESSED_TO_THE_PERSON.some((sentence) => sentence.test(reason)))
    return `${predicate.charAt(0).toUpperCase()}${predicate.slice(1)}.`;
  const name = fieldName(params.field, language);
  if (name)
    return language === 'ko'
      ? `${withParticle(name, '은/는')} ${predicate}.`
      : `${name} ${predicate}.`;
  // A field without a name in the i18n file (a developer's request): its path, for them.
  const where = typeof params.field === 'string' ? `${params.field} — ` : '';
  return language === 'ko' ? `입력값이 올바르지 않습니다: ${where}${predicate}.` : null;
}

/** A CONFLICT's reason on its own, when it has a sentence in the reader's language. */
export function conflictSentence(language: Language, params: Params): string | null {
  const reason = typeof params.reason === 'string' ? params.reason : '';
  if (!reason) return null;
  if (language === 'ko') {
    const sentence = koreanReason(reason);
    return sentence ? `${sentence}.` : null;
  }
  return `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`;
}
