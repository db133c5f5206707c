/**
 * A library's facts in Korean and English, as data the admins edit (issue 17, point 2): the
 * closed-days note gets a Korean and an English column, the address an English one (the opening
 * hours had both already). Existing notes are kept: a note written in Korean becomes the Korean
 * version; an English one becomes the English version without the seed document's "(… inferred)"
 * remarks (notes for us, not facts for readers), and the seed document's notes get the Korean a
 * library writes. `closed_days_note` itself is left as the previous release wrote it (that
 * release still reads it during an upgrade); nothing writes it any more, a later release drops it.
 */

/** The seed document's closed-day notes (after the remarks are taken out) and their Korean. */
const SEED_NOTES_KO: [en: string, ko: string][] = [
  [
    'Every Friday; public holidays (open Sundays unless a holiday)',
    '매주 금요일, 법정 공휴일 (공휴일이 아닌 일요일은 개관)',
  ],
  [
    "1st Monday of each month; New Year's Day; Seollal and Chuseok holidays",
    '매월 첫째 월요일, 1월 1일, 설날·추석 연휴',
  ],
  ['1st Monday of each month; holidays', '매월 첫째 월요일, 법정 공휴일'],
  ['Every Monday; public holidays', '매주 월요일, 법정 공휴일'],
  ['Every Friday; public holidays', '매주 금요일, 법정 공휴일'],
  [
    "Every Monday; New Year's Day; Seollal and Chuseok holidays",
    '매주 월요일, 1월 1일, 설날·추석 연휴',
  ],
  ['Every Sunday and Monday; public holidays', '매주 일요일·월요일, 법정 공휴일'],
  ['Every Monday', '매주 월요일'],
];

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

export const statements = [
  'alter table libraries add column closed_days_note_ko text',
  'alter table libraries add column closed_days_note_en text',
  'alter table libraries add column address_en text',
  `update libraries set closed_days_note_ko = closed_days_note
     where closed_days_note ~ '[가-힣]'`,
  `update libraries
     set closed_days_note_en = nullif(btrim(regexp_replace(closed_days_note, '\\s*\\([^()]*inferred\\)', '', 'g')), '')
     where closed_days_note is not null and closed_days_note !~ '[가-힣]'`,
  `update libraries set closed_days_note_ko = seed.ko
     from (values ${SEED_NOTES_KO.map(([en, ko]) => `(${literal(en)}, ${literal(ko)})`).join(', ')}) as seed (en, ko)
     where libraries.closed_days_note_ko is null and libraries.closed_days_note_en = seed.en`,
];
