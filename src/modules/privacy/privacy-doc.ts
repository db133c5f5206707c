import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import facts from './privacy-facts.json' with { type: 'json' };

type Facts = typeof facts;
type Language = 'ko' | 'en';

export const PRIVACY_DOC = fileURLToPath(new URL('../../../docs/privacy.md', import.meta.url));
const START = '<!-- generated from src/modules/privacy/privacy-facts.json: start -->';
const END = '<!-- generated: end -->';

const cell = (text: string) => text.replaceAll('|', '\\|');

function tables(f: Facts, language: Language): string {
  const heads =
    language === 'en'
      ? ['table', 'columns with personal data or links', 'purpose', 'retention', 'who reads it']
      : ['테이블', '개인정보·연결 정보 열', '목적', '보존 기간', '열람자'];
  const rows = f.records.map((r) =>
    [
      `\`${r.table}\``,
      r.columns.length ? r.columns.map((c) => `\`${c}\``).join(', ') : '—',
      r.purpose[language],
      r.retention[language],
      r.readers[language],
    ]
      .map(cell)
      .join(' | '),
  );
  const elsewhere = f.elsewhere.map((e) =>
    [e.what[language], e.holds[language], e.retention[language]].map(cell).join(' | '),
  );
  const elsewhereHead =
    language === 'en' ? ['where', 'what it holds', 'retention'] : ['위치', '내용', '보존 기간'];
  return [
    `| ${heads.join(' | ')} |`,
    `| ${heads.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r} |`),
    '',
    `| ${elsewhereHead.join(' | ')} |`,
    `| ${elsewhereHead.map(() => '---').join(' | ')} |`,
    ...elsewhere.map((r) => `| ${r} |`),
  ].join('\n');
}

function periods(f: Facts): string {
  const p = f.periods;
  return [
    `- Consent lasts ${p.consentYears} years; reminders from ${p.consentReminderDays} days before; erased ${p.consentEraseAfterLapseDays} days after it lapsed.`,
    `- Pre-registrations never verified at a desk: erased after ${p.pendingPreRegistrationDays} days.`,
    `- Idempotency answers: purged after ${p.idempotencyHours} hours. Sessions: expire after ${p.sessionHours} hours, purged once expired or signed out.`,
    `- The notice log: purged ${p.noticeLogDays} days after a notice was made.`,
  ].join('\n');
}

/** The generated part of docs/privacy.md. */
export function generatedPrivacySection(f: Facts = facts): string {
  return [
    START,
    `Facts version ${f.version}; consent text version ${f.consent.version}.`,
    '',
    '### English',
    '',
    tables(f, 'en'),
    '',
    '### 한국어',
    '',
    tables(f, 'ko'),
    '',
    '### Periods',
    '',
    periods(f),
    END,
  ].join('\n');
}

/** docs/privacy.md with its generated part replaced by the current facts. */
export function renderPrivacyDoc(current: string): string {
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  if (start < 0 || end < 0) throw new Error('docs/privacy.md lacks the generated-section markers');
  return current.slice(0, start) + generatedPrivacySection() + current.slice(end + END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(PRIVACY_DOC, renderPrivacyDoc(readFileSync(PRIVACY_DOC, 'utf8')));
  console.log('docs/privacy.md updated');
}
