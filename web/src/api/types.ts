/** The shapes of the HTTP API the web app uses (see GET /api/openapi.json). */

export type DateText = string;

export interface LibraryRef {
  id: number;
  nameKo: string;
  nameEn: string;
}

export interface RegionRef {
  code: string;
  nameKo: string;
  nameEn: string;
}

export interface Region extends RegionRef {
  kind: 'province' | 'city' | 'county';
  parentCode: string | null;
  libraryCount: number;
}

export interface LoanRules {
  loanLimit: number;
  loanPeriodDays: number;
  maxRenewals: number;
  renewalDays: number;
  onlineRenewal: boolean;
  /** ISO weekdays: 1 Monday … 7 Sunday. */
  closedWeekdays: number[];
}

export interface Library extends LibraryRef {
  code: string;
  status: 'participating' | 'planned';
  plannedStart: DateText | null;
  participatingSince: DateText | null;
  region: RegionRef;
  province: RegionRef | null;
  addressKo: string | null;
  phone: string | null;
  openingHours: { ko: string | null; en: string | null };
  closedDaysNote: string | null;
  loanRules: LoanRules;
}

export interface Holiday {
  date: DateText;
  nameKo: string;
  nameEn: string;
}

export interface NetworkRules {
  networkLoanLimit: number;
  suspensionMode: 'longest' | 'cumulative';
  maxSuspensionDays: number | null;
}

export interface CheckInGroup extends LibraryRef {
  libraries: LibraryRef[];
}

export type StaffRole = 'desk' | 'library_admin' | 'network_admin';

export interface Staff {
  id: number;
  username: string;
  displayName: string;
  role: StaffRole;
  libraryId: number;
  disabled: boolean;
  /** Signed in with a one-time password: must choose a new one first. */
  mustChangePassword?: boolean;
}

export interface Card {
  number: string;
  status: 'valid' | 'lost' | 'replaced';
  issuedAt: string;
  issuedAtLibraryId: number;
  lostAt: string | null;
  replacedAt: string | null;
  blocked: boolean;
}

export type MemberStatus = 'pending' | 'active' | 'withdrawn';

export interface FullMember {
  visibility: 'full';
  id: number;
  name: string | null;
  birthDate: DateText | null;
  phone: string | null;
  email: string | null;
  status: MemberStatus;
  homeLibrary: LibraryRef;
  checkedInHere: boolean;
  guardian: { name: string; relationship: string; consentAt: string | null } | null;
  card: Card | null;
  consent: { givenOn: DateText | null; expiresOn: DateText | null; renewalDue: boolean };
  verification: { at: string; libraryId: number | null; idDocumentType: string | null } | null;
  registeredAt: string;
  loanHistoryEnabled: boolean;
}

export interface LimitedMember {
  visibility: 'limited';
  id: number;
  name: string | null;
  maskedPhone: string | null;
  maskedEmail: string | null;
  status: MemberStatus;
  homeLibrary: LibraryRef;
  checkedInHere: false;
}

export type Member = FullMember | LimitedMember;

export const ID_DOCUMENT_TYPES = [
  'resident_registration_card',
  'driver_license',
  'passport',
  'alien_registration_card',
  'disability_card',
  'student_id',
  'guardian_id',
] as const;
export type IdDocumentType = (typeof ID_DOCUMENT_TYPES)[number];

export interface OpenLoan {
  library: LibraryRef & { phone: string | null };
  dueDate: DateText;
  overdue: boolean;
  loanId?: number;
  title?: string;
  itemBarcode?: string;
  loanDay?: DateText;
  renewals?: number;
}

export interface Suspension {
  until: DateText;
  resumesOn: DateText;
  cause: {
    library: { id: number | null; nameKo: string; nameEn: string };
    daysLate: number;
    returnDay: DateText;
    title?: string | null;
  } | null;
}

export interface CirculationStatus {
  openLoans: OpenLoan[];
  overdueCount: number;
  suspension: Suspension | null;
  network: { open: number; limit: number; left: number };
  byLibrary: {
    library: LibraryRef;
    open: number;
    limit: number;
    left: number;
    onlineRenewal: boolean;
    maxRenewals: number;
  }[];
}

export interface CheckoutResult {
  loan: {
    id: number;
    itemBarcode: string;
    title: string;
    loanDay: DateText;
    dueDate: DateText;
    library: LibraryRef;
  };
  memberId: number;
  loansLeft: { network: number; here: number };
}

export interface ReturnResult {
  loan: {
    id: number;
    itemBarcode: string;
    title: string;
    dueDate: DateText;
    returnDay: DateText;
    daysLate: number;
  };
  library: LibraryRef;
  suspension: { until: DateText; resumesOn: DateText } | null;
}

export interface RenewalResult {
  loan: {
    id: number;
    dueDate: DateText;
    previousDueDate: DateText;
    renewals: number;
    renewalsLeft: number;
  };
  library: LibraryRef;
}

export interface HistoryLoan {
  loanId: number;
  title: string;
  author: string | null;
  library: LibraryRef;
  loanDay: DateText;
  dueDate: DateText;
  returnDay: DateText;
  daysLate: number;
}

export interface ItemImportReport {
  imported: number;
  skipped: number;
  totalRows: number;
  errors: { line: number; barcode: string | null; field: string; message: string }[];
}

export interface Terminal {
  id: number;
  libraryId: number;
  username: string;
  encoding: 'utf-8' | 'euc-kr';
  language: 'ko' | 'en';
  disabled: boolean;
  createdAt: string;
}

export interface Statistics {
  from: DateText;
  to: DateText;
  scope: { kind: 'network' } | { kind: 'library'; library: LibraryRef };
  totals: {
    loans: number;
    toOtherLibraryMembers: number;
    toHomeMembers: number;
    unknownHome: number;
    shareToOtherLibraryMembers: number | null;
    suspensionsStarted: number;
  };
  loansPerDay: { date: DateText; loans: number }[];
  loansPerLibrary: {
    library: LibraryRef;
    loans: number;
    toOtherLibraryMembers: number;
  }[];
  suspensionsPerDay: { date: DateText; started: number }[];
}
