import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOAN_RULES } from '../libraries/domain.js';
import { checkoutRefusals } from './domain.js';
import { type BorrowerFacts, deriveStanding, type StandingLoan } from './standing.js';

const TODAY = '2026-12-10';
const HERE = { library: '경남대표도서관', libraryEn: 'Gyeongnamdaepyo Library' };
const THERE = { library: '진주시립연암도서관', libraryEn: 'Jinju Yonam Library' };

function loan(id: number, libraryId: number, extra: Partial<StandingLoan> = {}): StandingLoan {
  return {
    id,
    itemId: 100 + id,
    libraryId,
    names: libraryId === 1 ? HERE : THERE,
    phone: null,
    dueDate: '2026-12-20',
    loanDay: '2026-12-06',
    renewals: 0,
    renewedOn: null,
    title: `책 ${id}`,
    barcode: `B-${id}`,
    rules: { loanLimit: 5, maxRenewals: 1, onlineRenewal: true },
    ...extra,
  };
}

function facts(extra: Partial<BorrowerFacts> = {}): BorrowerFacts {
  return {
    member: { id: 7, status: 'active', suspendedUntil: null },
    checkedIn: true,
    suspensionCause: null,
    networkLoanLimit: 20,
    openLoans: [],
    library: {
      id: 1,
      status: 'participating',
      names: HERE,
      phone: null,
      rules: { ...DEFAULT_LOAN_RULES, loanLimit: 5 },
      holidays: [],
      networkHolidays: [],
      openOnHolidays: [],
    },
    ...extra,
  };
}

const codes = (reasons: { code: string }[]) => reasons.map((r) => r.code);

describe('the borrower standing', () => {
  it('a member in good standing may borrow, with the loans left here and in the network', () => {
    const standing = deriveStanding(facts({ openLoans: [loan(1, 1), loan(2, 2)] }), TODAY, {
      online: false,
    });
    expect(standing.refusals).toEqual([]);
    expect(standing.loansLeft).toEqual({ network: 18, here: 4 });
    expect(standing.byLibrary).toEqual([
      { libraryId: 1, open: 1, limit: 5, left: 4 },
      { libraryId: 2, open: 1, limit: 5, left: 4 },
    ]);
    expect(standing.loans.map((l) => l.renewable)).toEqual([true, true]);
  });

  it('says every reason at once, as a checkout would', () => {
    const overdue = loan(1, 2, { dueDate: '2026-12-01' });
    const suspended = facts({
      member: { id: 7, status: 'active', suspendedUntil: '2026-12-12' },
      checkedIn: false,
      openLoans: [overdue, loan(2, 1), loan(3, 1), loan(4, 1), loan(5, 1), loan(6, 1)],
      networkLoanLimit: 6,
    });
    const standing = deriveStanding(suspended, TODAY, { online: false });
    expect(codes(standing.refusals)).toEqual([
      'CHECK_IN_REQUIRED',
      'MEMBER_SUSPENDED',
      'MEMBER_HAS_OVERDUE',
      'LIBRARY_LOAN_LIMIT',
      'NETWORK_LOAN_LIMIT',
    ]);
    expect(standing.loansLeft).toEqual({ network: 0, here: 0 });
    expect(standing.overdueCount).toBe(1);
    expect(standing.suspension?.until).toBe('2026-12-12');
  });

  it('adds the item when a checkout asks for one, and only then', () => {
    expect(codes(deriveStanding(facts({ item: null }), TODAY, { online: false }).refusals)).toEqual(
      ['ITEM_UNKNOWN'],
    );
    const onLoan = facts({ item: { loanable: true, onLoan: true } });
    expect(codes(deriveStanding(onLoan, TODAY, { online: false }).refusals)).toEqual([
      'ITEM_ON_LOAN',
    ]);
  });

  it('gives each loan its own renewal answer, online or at a desk', () => {
    const loans = [
      loan(1, 1, { renewals: 1 }),
      loan(2, 2, { rules: { loanLimit: 5, maxRenewals: 2, onlineRenewal: false } }),
      loan(3, 1, { dueDate: '2026-12-09' }),
      loan(4, 1),
    ];
    const online = deriveStanding(facts({ openLoans: loans }), TODAY, { online: true });
    expect(online.loans.map((l) => [l.loanId, l.renewable, codes(l.renewalRefusals)])).toEqual([
      [1, false, ['RENEWAL_LIMIT']],
      [2, false, ['RENEWAL_NOT_ONLINE']],
      [3, false, ['RENEWAL_OVERDUE']],
      [4, true, []],
    ]);
    const desk = deriveStanding(facts({ openLoans: loans }), TODAY, { online: false });
    expect(desk.loans[1]?.renewable).toBe(true);
  });

  it('a suspension stops every renewal and names its cause', () => {
    const cause = { ...THERE, libraryId: 2, daysLate: 3, returnDay: '2026-12-09', title: '책' };
    const standing = deriveStanding(
      facts({
        member: { id: 7, status: 'active', suspendedUntil: '2026-12-11' },
        suspensionCause: cause,
        openLoans: [loan(1, 1)],
      }),
      TODAY,
      { online: true },
    );
    expect(standing.loans[0]?.renewalRefusals).toEqual([
      expect.objectContaining({
        code: 'MEMBER_SUSPENDED',
        params: expect.objectContaining({ until: '2026-12-11', causeLibraryEn: THERE.libraryEn }),
      }),
    ]);
    expect(standing.suspension?.cause).toEqual(cause);
  });

  it('away from any library (the portal), names what stops borrowing everywhere', () => {
    const portal = facts({
      library: null,
      checkedIn: false,
      member: { id: 7, status: 'pending', suspendedUntil: null },
      openLoans: [loan(1, 1), loan(2, 1), loan(3, 1), loan(4, 1), loan(5, 1)],
      networkLoanLimit: 5,
    });
    const standing = deriveStanding(portal, TODAY, { online: true });
    // Not the library's limit nor a check-in: those belong to a library.
    expect(codes(standing.refusals)).toEqual(['MEMBER_PENDING', 'NETWORK_LOAN_LIMIT']);
    expect(standing.loansLeft).toEqual({ network: 0, here: null });
    expect(standing.byLibrary).toEqual([{ libraryId: 1, open: 5, limit: 5, left: 0 }]);
  });

  it('loans left and the limit refusals always agree with the checkout rules', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 12 }),
        (libraries, libraryLimit, networkLimit) => {
          const f = facts({
            openLoans: libraries.map((libraryId, i) => loan(i + 1, libraryId)),
            networkLoanLimit: networkLimit,
            library: {
              ...facts().library!,
              rules: { ...DEFAULT_LOAN_RULES, loanLimit: libraryLimit },
            },
          });
          const standing = deriveStanding(f, TODAY, { online: false });
          const refused = codes(
            checkoutRefusals({
              ...f,
              today: TODAY,
              memberStatus: 'active',
              library: f.library!,
              suspension: null,
              item: { loanable: true, onLoan: false },
            }),
          );
          expect(standing.loansLeft.here === 0).toBe(refused.includes('LIBRARY_LOAN_LIMIT'));
          expect(standing.loansLeft.network === 0).toBe(refused.includes('NETWORK_LOAN_LIMIT'));
        },
      ),
    );
  });
});
