/**
 * Notices (issue 19): an outbox of what a member is told (due soon, overdue, suspensions, cards,
 * consent renewal), written in the transaction of the event that causes it or by the daily
 * scheduler, and delivered by a worker (src/modules/notices). A row holds the kind, the channel,
 * the times and the state — never the text or the address: both are made at send time from the
 * member's current data (docs/privacy.md).
 */
export const statements = [
  `create table notices (
     id bigint generated always as identity primary key,
     member_id integer not null references members(id),
     loan_id integer references loans(id),
     -- whose name, phone and hours the text gives
     library_id integer references libraries(id),
     kind text not null check (kind in ('due_soon', 'due_today', 'overdue', 'suspension_started',
       'suspension_ended', 'card_issued', 'card_lost', 'consent_renewal')),
     channel text not null check (channel in ('email', 'sms', 'kakao')),
     -- the business day (Korea) the notice was made for: one of a kind per loan (or member) a day
     day date not null,
     -- the date it is about: a due date, the renewal date of a consent
     subject_date date,
     state text not null default 'pending' check (state in ('pending', 'sent', 'dead', 'skipped')),
     created_at timestamptz not null,
     -- not sent before: quiet hours (SMS, KakaoTalk) and the back-off after a failure
     not_before timestamptz not null,
     -- a worker's lease: while it lasts no other worker takes the notice
     claimed_until timestamptz,
     attempts integer not null default 0,
     sent_at timestamptz,
     -- a short reason (smtp_4xx, timeout, no_address …), never a message or an address
     last_error text
   )`,
  // Never more than one notice of a kind per loan (or per member) per channel a day, whoever
  // writes it, however often and from however many processes.
  `create unique index notices_once_a_day
     on notices (kind, member_id, coalesce(loan_id, 0), channel, day)`,
  `create index notices_due on notices (not_before, id) where state = 'pending'`,
  'create index notices_by_member on notices (member_id, created_at desc)',
  'create index notices_by_loan on notices (loan_id, kind) where loan_id is not null',
  // The retention job (by age) and the admin's counts per day.
  'create index notices_by_created on notices (created_at)',
  'create index notices_by_day on notices (day, library_id)',

  // The member's channels and language; no row: e-mail if they have an address, else SMS.
  `create table member_notice_preferences (
     member_id integer primary key references members(id),
     email boolean not null,
     sms boolean not null,
     kakao boolean not null,
     language text not null default 'ko' check (language in ('ko', 'en')),
     updated_at timestamptz not null
   )`,

  // The network's notice settings (one row) and a library's own where it differs.
  `create table notice_settings (
     id boolean primary key default true check (id),
     due_soon_days integer not null default 3 check (due_soon_days between 0 and 14),
     due_day boolean not null default true,
     overdue_repeat_days integer not null default 7 check (overdue_repeat_days between 1 and 60),
     consent_reminder boolean not null default true,
     updated_at timestamptz not null default now()
   )`,
  'insert into notice_settings (id) values (true)',
  `create table library_notice_settings (
     library_id integer primary key references libraries(id),
     due_soon_days integer check (due_soon_days between 0 and 14),
     due_day boolean,
     updated_at timestamptz not null
   )`,
];

/** The scheduler's walk over open loans by due date, built without holding writes to loans. */
export const concurrently = [
  {
    createIndex: 'loans_open_by_due_date',
    sql: 'create index concurrently loans_open_by_due_date on loans (due_date) where returned_at is null',
  },
];
