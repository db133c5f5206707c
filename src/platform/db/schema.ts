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
  closed_days_note: string | null;
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
}

export interface LibraryHolidaysTable {
  library_id: number;
  date: DateText;
  name_ko: string;
  name_en: string;
}

export interface NetworkRulesTable {
  id: Generated<boolean>;
  network_loan_limit: number;
  suspension_mode: 'longest' | 'cumulative';
  max_suspension_days: number | null;
  updated_at: Generated<Date>;
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
}

export interface DB {
  regions: RegionsTable;
  libraries: LibrariesTable;
  library_loan_rules: LibraryLoanRulesTable;
  library_holidays: LibraryHolidaysTable;
  network_rules: NetworkRulesTable;
  audit_events: AuditEventsTable;
}
