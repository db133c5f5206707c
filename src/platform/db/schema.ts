import type { ColumnType, Generated } from 'kysely';

/** `YYYY-MM-DD`, a calendar date in Korea. */
type DateText = string;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface RegionsTable {
  id: Generated<number>;
  code: string;
  parent_id: number | null;
  kind: 'province' | 'city' | 'county';
  name_ko: string;
  name_en: string;
}

export interface LibrariesTable {
  id: Generated<number>;
  code: string;
  region_id: number;
  name_ko: string;
  name_en: string;
  status: 'participating' | 'planned';
  planned_start: DateText | null;
  participating_since: DateText | null;
  address_ko: string | null;
  phone: string | null;
  opening_hours_ko: string | null;
  opening_hours_en: string | null;
  /** The previous release's note (English or Korean); kept unread until a later release drops it. */
  closed_days_note: string | null;
  closed_days_note_ko: string | null;
  closed_days_note_en: string | null;
  address_en: string | null;
  check_in_group_id: number | null;
  created_at: CreatedAt;
}

export interface LibraryLoanRulesTable {
  library_id: number;
  loan_limit: Generated<number>;
  loan_period_days: Generated<number>;
  max_renewals: Generated<number>;
  renewal_days: Generated<number>;
  online_renewal: Generated<boolean>;
  closed_weekdays: Generated<number[]>;
  updated_at: Generated<Date>;
  /** Hold rules of the library, lower than the network's (null: the network's; migration 0033). */
  hold_limit: number | null;
  hold_queue_per_copy: number | null;
  hold_pickup_days: number | null;
}

export interface LibraryHolidaysTable {
  library_id: number;
  date: DateText;
  name_ko: string;
  name_en: string;
}

/** The network's public holidays (network admin). */
export interface NetworkHolidaysTable {
  date: DateText;
  name_ko: string;
  name_en: Generated<string>;
}

/** A public holiday a library is open on. */
export interface LibraryHolidayExceptionsTable {
  library_id: number;
  date: DateText;
}

export interface NetworkRulesTable {
  id: Generated<boolean>;
  network_loan_limit: number;
  suspension_mode: 'longest' | 'cumulative';
  max_suspension_days: number | null;
  updated_at: Generated<Date>;
  machines_require_pin: Generated<boolean>;
  /** Hold rules (migration 0033). */
  hold_limit: Generated<number>;
  hold_queue_per_copy: Generated<number>;
  hold_pickup_days: Generated<number>;
  hold_no_show_limit: Generated<number>;
  hold_no_show_window_days: Generated<number>;
  hold_ban_days: Generated<number>;
  /** Inter-library request rules (migration 0034). */
  request_limit: Generated<number>;
  request_send_days: Generated<number>;
  request_pickup_days: Generated<number>;
  request_no_show_limit: Generated<number>;
  request_no_show_window_days: Generated<number>;
  request_ban_days: Generated<number>;
}

export type HoldState = 'waiting' | 'ready' | 'collected' | 'cancelled' | 'expired';

/** A member's place in line for a title at a library (migration 0033). */
export interface HoldsTable {
  id: Generated<number>;
  member_id: number;
  record_id: number;
  library_id: number;
  state: Generated<HoldState>;
  placed_at: Date;
  item_id: number | null;
  ready_at: Date | null;
  pickup_until: DateText | null;
  ended_at: Date | null;
  ended_day: DateText | null;
  loan_id: number | null;
}

export type PutBackReason = 'cancelled' | 'expired' | 'withdrawn';

/** A copy off the hold shelf, back to the open shelf (migration 0040): the desk's put-back list. */
export interface PutBackCopiesTable {
  item_id: number;
  library_id: number;
  released_at: Date;
  reason: PutBackReason;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: Date;
  actor_kind: 'staff' | 'member' | 'terminal' | 'system';
  actor_id: number | null;
  library_id: number | null;
  action: string;
  subject_kind: string;
  subject_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  member_pseudonym: string | null;
}

export interface RetiredCardNumbersTable {
  number_hash: string;
  retired_on: DateText;
}

export type StaffRole = 'desk' | 'library_admin' | 'network_admin';
export type MemberStatus = 'pending' | 'active' | 'withdrawn';
export type CardStatus = 'valid' | 'lost' | 'replaced';

export interface CheckInGroupsTable {
  id: Generated<number>;
  name_ko: string;
  name_en: string;
  created_at: CreatedAt;
}

export interface StaffTable {
  id: Generated<number>;
  library_id: number;
  username: string;
  display_name: string;
  role: StaffRole;
  password_hash: string;
  failed_sign_ins: Generated<number>;
  sign_in_locked_until: Date | null;
  disabled: Generated<boolean>;
  must_change_password: Generated<boolean>;
  demo_password: Generated<boolean>;
  password_vetted: Generated<boolean>;
  created_at: CreatedAt;
}

export interface SessionsTable {
  token_hash: string;
  principal_kind: 'staff' | 'member';
  principal_id: number;
  csrf_token: string;
  created_at: Date;
  expires_at: Date;
  last_seen_at: Date;
  revoked_at: Date | null;
}

export interface MembersTable {
  id: Generated<number>;
  status: MemberStatus;
  home_library_id: number;
  name: string | null;
  birth_date: DateText | null;
  phone: string | null;
  email: string | null;
  identity_key: string | null;
  guardian_name: string | null;
  guardian_relationship: string | null;
  guardian_consent_at: Date | null;
  password_hash: string | null;
  pin_hash: string | null;
  failed_sign_ins: Generated<number>;
  sign_in_locked_until: Date | null;
  consent_given_on: DateText | null;
  verified_at: Date | null;
  verified_by_staff_id: number | null;
  verified_at_library_id: number | null;
  verification_id_type: string | null;
  loan_history_enabled: Generated<boolean>;
  registered_at: Date;
  withdrawn_at: Date | null;
  suspended_until: DateText | null;
  suspension_loan_id: number | null;
  /** The member's name in the audit log; null once withdrawn (the log can no longer be linked). */
  audit_pseudonym: Generated<string | null>;
  consent_version: string | null;
  consent_given_at: Date | null;
  consent_lapsed_on: DateText | null;
}

export interface CardsTable {
  number: string;
  member_id: number;
  status: CardStatus;
  issued_at: Date;
  issued_at_library_id: number;
  issued_by_staff_id: number | null;
  lost_at: Date | null;
  replaced_at: Date | null;
  blocked_at: Date | null;
  blocked_reason: string | null;
  blocked_by_terminal_id: number | null;
}

export interface CheckInsTable {
  member_id: number;
  library_id: number;
  checked_in_at: Date;
  checked_in_by_staff_id: number | null;
  id_document_type: string;
}

/** A title (bibliographic record), held by libraries as copies (`items`). */
export interface BibRecordsTable {
  id: Generated<number>;
  title: string;
  author: string | null;
  publisher: string | null;
  year: number | null;
  /** ISBN-13, digits only; unique. */
  isbn: string | null;
  /** KDC class, e.g. 813.7. */
  kdc: string | null;
  subjects: Generated<string[]>;
  /** `isbn:<13>` or `work:<title>␟<author>` (src/platform/search-tokens.ts). */
  work_key: string;
  search_tokens: string[];
  /** Participating libraries holding a copy; kept by triggers (migration 0030). */
  library_count: Generated<number>;
  created_at: CreatedAt;
}

/**
 * The catalogue's postings (migration 0032): a token of a record held somewhere, with the record's
 * library_count; kept in step with bib_records by its triggers.
 */
export interface BibRecordTermsTable {
  term: string;
  library_count: number;
  record_id: number;
}

/** A copy: one barcode at one library. */
export interface ItemsTable {
  id: Generated<number>;
  library_id: number;
  record_id: number;
  barcode: string;
  call_number: string | null;
  loanable: Generated<boolean>;
  created_at: CreatedAt;
}

export interface LoansTable {
  id: Generated<number>;
  member_id: number | null;
  item_id: number;
  library_id: number;
  loaned_at: Date;
  loan_day: DateText;
  due_date: DateText;
  renewals: Generated<number>;
  /** The business day of the last renewal (migration 0038); null: never renewed since. */
  renewed_on: Generated<DateText | null>;
  returned_at: Date | null;
  return_day: DateText | null;
  days_late: number | null;
  /** Kept for the statistics once the loan is detached from its member. */
  borrower_home_library_id: number | null;
  borrower_age_band: string | null;
  /** An inter-library loan: the library it was lent at (migration 0034); null: its own library. */
  pickup_library_id: Generated<number | null>;
}

export interface IdempotentRequestsTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: ColumnType<unknown, string, string>;
  created_at: Date;
}

export interface DB {
  bib_records: BibRecordsTable;
  bib_record_terms: BibRecordTermsTable;
  items: ItemsTable;
  loans: LoansTable;
  holds: HoldsTable;
  put_back_copies: PutBackCopiesTable;
  idempotent_requests: IdempotentRequestsTable;
  check_in_groups: CheckInGroupsTable;
  staff: StaffTable;
  sessions: SessionsTable;
  members: MembersTable;
  cards: CardsTable;
  check_ins: CheckInsTable;
  regions: RegionsTable;
  libraries: LibrariesTable;
  library_loan_rules: LibraryLoanRulesTable;
  library_holidays: LibraryHolidaysTable;
  network_holidays: NetworkHolidaysTable;
  library_holiday_exceptions: LibraryHolidayExceptionsTable;
  network_rules: NetworkRulesTable;
  audit_events: AuditEventsTable;
  retired_card_numbers: RetiredCardNumbersTable;
  terminals: TerminalsTable;
  sign_in_throttles: SignInThrottlesTable;
  notices: NoticesTable;
  member_notice_preferences: MemberNoticePreferencesTable;
  notice_settings: NoticeSettingsTable;
  library_notice_settings: LibraryNoticeSettingsTable;
  inter_library_requests: InterLibraryRequestsTable;
}

export type RequestState = 'requested' | 'sent' | 'arrived' | 'collected' | 'returning' | 'closed';
export type RequestOutcome = 'completed' | 'cancelled' | 'expired' | 'no_show' | 'unfilled';

/** An inter-library request (migration 0034): a title sent from a lending library to P. */
export interface InterLibraryRequestsTable {
  id: Generated<number>;
  member_id: number | null;
  record_id: number;
  pickup_library_id: number;
  lending_library_id: number | null;
  item_id: number | null;
  state: RequestState;
  outcome: RequestOutcome | null;
  outcome_day: DateText | null;
  loan_id: number | null;
  requested_at: Date;
  request_day: DateText;
  send_by: DateText | null;
  pickup_by: DateText | null;
  sent_at: Date | null;
  arrived_at: Date | null;
  collected_at: Date | null;
  returning_at: Date | null;
  closed_at: Date | null;
  passed_library_ids: Generated<number[]>;
}

export type NoticeKind =
  | 'due_soon'
  | 'due_today'
  | 'overdue'
  | 'suspension_started'
  | 'suspension_ended'
  | 'card_issued'
  | 'card_lost'
  | 'consent_renewal'
  | 'hold_ready'
  | 'request_arrived'
  | 'request_cancelled';
export type NoticeChannel = 'email' | 'sms' | 'kakao';
export type NoticeState = 'pending' | 'sent' | 'dead' | 'skipped';

/** The outbox of notices (migration 0031): kind, channel, times and state; no text, no address. */
export interface NoticesTable {
  id: ColumnType<number, never, never>;
  member_id: number;
  loan_id: number | null;
  /** The hold a hold_ready notice is about (migration 0033). */
  hold_id: Generated<number | null>;
  /** A notice about an inter-library request (migration 0034). */
  request_id: Generated<number | null>;
  library_id: number | null;
  kind: NoticeKind;
  channel: NoticeChannel;
  day: DateText;
  subject_date: DateText | null;
  state: Generated<NoticeState>;
  created_at: Date;
  not_before: Date;
  claimed_until: Date | null;
  attempts: Generated<number>;
  sent_at: Date | null;
  last_error: string | null;
}

export interface MemberNoticePreferencesTable {
  member_id: number;
  email: boolean;
  sms: boolean;
  kakao: boolean;
  language: Generated<'ko' | 'en'>;
  updated_at: Date;
}

export interface NoticeSettingsTable {
  id: Generated<boolean>;
  due_soon_days: Generated<number>;
  due_day: Generated<boolean>;
  overdue_repeat_days: Generated<number>;
  consent_reminder: Generated<boolean>;
  updated_at: Generated<Date>;
}

export interface LibraryNoticeSettingsTable {
  library_id: number;
  due_soon_days: number | null;
  due_day: boolean | null;
  updated_at: Date;
}

/** Failed secrets by source address (src/platform/auth/attempts.ts). */
export interface SignInThrottlesTable {
  key: string;
  failed_sign_ins: Generated<number>;
  sign_in_locked_until: Date | null;
}

export type TerminalEncoding = 'utf-8' | 'euc-kr';
export type TerminalLanguage = 'ko' | 'en';

/** A self-check machine's SIP2 account at one library. */
export interface TerminalsTable {
  id: Generated<number>;
  library_id: number;
  username: string;
  password_hash: string;
  encoding: Generated<TerminalEncoding>;
  language: Generated<TerminalLanguage>;
  disabled: Generated<boolean>;
  failed_sign_ins: Generated<number>;
  sign_in_locked_until: Date | null;
  demo_password: Generated<boolean>;
  password_vetted: Generated<boolean>;
  /** Canonical CIDR ranges the machine may log in from; empty: any address. */
  allowed_addresses: Generated<string[]>;
  created_at: CreatedAt;
}
