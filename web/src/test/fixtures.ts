import type { CatalogueHolding, CatalogueTitle } from '../api/catalogue';
import type {
  CirculationStatus,
  FullMember,
  InterLibraryRequest,
  Library,
  LoanRules,
  Staff,
  Statistics,
} from '../api/types';

export const rules: LoanRules = {
  loanLimit: 5,
  loanPeriodDays: 14,
  maxRenewals: 1,
  renewalDays: 7,
  onlineRenewal: true,
  closedWeekdays: [1],
};

export function library(
  id: number,
  nameKo: string,
  nameEn: string,
  extra: Partial<Library> = {},
): Library {
  return {
    id,
    code: `${nameEn.toLowerCase().replaceAll(' ', '-')}`,
    nameKo,
    nameEn,
    status: 'participating',
    plannedStart: '2018-03-01',
    participatingSince: '2018-03-01',
    region: { code: 'jinju-si', nameKo: '진주시', nameEn: 'Jinju-si' },
    province: { code: 'gyeongsangnam-do', nameKo: '경상남도', nameEn: 'Gyeongsangnam-do' },
    addressKo: '경상남도 진주시 어딘가 1',
    addressEn: null,
    phone: '055-749-5982',
    openingHours: { ko: null, en: null },
    closedDaysNote: { ko: null, en: null },
    loanRules: rules,
    ...extra,
  };
}

export const yonam = library(3, '진주시립연암도서관', 'Jinju Yonam Library');
export const tongyeong = library(7, '통영시립도서관', 'Tongyeong City Library', {
  region: { code: 'tongyeong-si', nameKo: '통영시', nameEn: 'Tongyeong-si' },
  phone: '055-650-2630',
});

export const deskStaff: Staff = {
  id: 5,
  username: 'jinju-yonam-desk',
  displayName: '연암 안내데스크',
  role: 'desk',
  libraryId: 3,
  disabled: false,
  mustChangePassword: false,
};

export const member: FullMember = {
  visibility: 'full',
  id: 42,
  name: '남궁가나다라마바사아자차카타파하',
  birthDate: '1990-04-05',
  phone: '01055550101',
  email: null,
  status: 'active',
  homeLibrary: { id: 3, nameKo: yonam.nameKo, nameEn: yonam.nameEn },
  checkedInHere: true,
  guardian: null,
  card: {
    number: '29806032227222',
    status: 'valid',
    issuedAt: '2026-12-01T01:00:00.000Z',
    issuedAtLibraryId: 3,
    lostAt: null,
    replacedAt: null,
    blocked: false,
  },
  consent: {
    givenOn: '2026-12-01',
    expiresOn: '2028-12-01',
    renewalDue: false,
    version: '2026-12',
    lapsed: false,
  },
  verification: { at: '2026-12-01T01:00:00.000Z', libraryId: 3, idDocumentType: 'passport' },
  registeredAt: '2026-12-01T01:00:00.000Z',
  loanHistoryEnabled: true,
};

export const emptyStatus: CirculationStatus = {
  today: '2026-12-15',
  openLoans: [],
  overdueCount: 0,
  suspension: null,
  network: { open: 0, limit: 20, left: 20 },
  byLibrary: [],
  standing: { mayBorrow: true, refusals: [], loansLeft: { network: 20, here: null } },
};

/** One open loan of 흰 at Jinju Yonam, due 15 December, not overdue. */
export const openLoanAtYonam: CirculationStatus['openLoans'][number] = {
  library: { id: 3, nameKo: yonam.nameKo, nameEn: yonam.nameEn, phone: null },
  loanId: 5,
  title: '흰',
  loanDay: '2026-12-01',
  dueDate: '2026-12-15',
  overdue: false,
};

export const statistics: Statistics = {
  from: '2026-12-01',
  to: '2026-12-03',
  scope: { kind: 'network' },
  totals: {
    loans: 4,
    toOtherLibraryMembers: 1,
    toHomeMembers: 3,
    unknownHome: 0,
    shareToOtherLibraryMembers: 0.25,
    suspensionsStarted: 2,
  },
  loansPerDay: [
    { date: '2026-12-01', loans: 3 },
    { date: '2026-12-02', loans: 0 },
    { date: '2026-12-03', loans: 1 },
  ],
  loansPerLibrary: [
    {
      library: { id: 3, nameKo: yonam.nameKo, nameEn: yonam.nameEn },
      loans: 3,
      toOtherLibraryMembers: 0,
    },
    {
      library: { id: 7, nameKo: tongyeong.nameKo, nameEn: tongyeong.nameEn },
      loans: 1,
      toOtherLibraryMembers: 1,
    },
    {
      library: { id: 1, nameKo: '경남대표도서관', nameEn: 'Gyeongnamdaepyo Library' },
      loans: 0,
      toOtherLibraryMembers: 0,
    },
  ],
  suspensionsPerDay: [
    { date: '2026-12-01', started: 0 },
    { date: '2026-12-02', started: 2 },
    { date: '2026-12-03', started: 0 },
  ],
  loansPerMonth: [
    {
      month: '2026-12',
      from: '2026-12-01',
      to: '2026-12-03',
      loans: 4,
      suspensionsStarted: 2,
      membersJoined: 1234,
      membersWithdrawn: 5,
    },
  ],
  members: { joined: 1234, withdrawn: 5 },
  membersPerDay: [
    { date: '2026-12-01', joined: 1200, withdrawn: 0 },
    { date: '2026-12-02', joined: 0, withdrawn: 5 },
    { date: '2026-12-03', joined: 34, withdrawn: 0 },
  ],
  requests: { placed: 40, collected: 31, sent: 27, notFilled: 6 },
  holds: { placed: 52, collected: 38, notCollected: 5, cancelled: 4 },
};

/** One library's copies of a title, as the catalogue answers (issue 18's contract). */
export function holding(
  of: Library,
  copies: number,
  available: number,
  extra: Partial<CatalogueHolding> = {},
): CatalogueHolding {
  const { id, code, nameKo, nameEn, region } = of;
  return {
    library: { id, code, nameKo, nameEn, region },
    copies,
    available,
    checkedIn: null,
    ...extra,
  };
}

/** A title with its holdings; the totals are the holdings'. */
export function catalogueTitle(
  id: number,
  title: string,
  holdings: CatalogueHolding[],
  extra: Partial<CatalogueTitle> = {},
): CatalogueTitle {
  return {
    id,
    title,
    author: '한강',
    publisher: '창비',
    year: 2014,
    isbn: '9788936434120',
    kdc: '813.7',
    libraryCount: holdings.length,
    copies: holdings.reduce((sum, h) => sum + h.copies, 0),
    available: holdings.reduce((sum, h) => sum + h.available, 0),
    holdings,
    ...extra,
  };
}

/** An inter-library request just placed (to Jinju Yonam, from Tongyeong), with `extra` over it. */
export function interLibraryRequest(extra: Partial<InterLibraryRequest> = {}): InterLibraryRequest {
  return {
    id: 9,
    recordId: 1,
    title: '바다의 노래',
    author: null,
    status: 'requested',
    state: 'requested',
    outcome: null,
    pickupLibrary: { id: yonam.id, nameKo: yonam.nameKo, nameEn: yonam.nameEn },
    lendingLibrary: { id: tongyeong.id, nameKo: tongyeong.nameKo, nameEn: tongyeong.nameEn },
    itemBarcode: null,
    callNumber: null,
    requestDay: '2026-12-01',
    sendBy: null,
    pickupBy: null,
    dueDate: null,
    ...extra,
  };
}
