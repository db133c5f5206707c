import { DummyDriver, Kysely, PostgresAdapter, PostgresQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  type BorrowerKey,
  type StandingQuery,
  standingStatement,
} from '../../src/modules/circulation/borrower-standing.js';
import { auditRow } from '../../src/platform/audit.js';
import type { DB } from '../../src/platform/db/schema.js';

/**
 * The standing's statement is compiled once per shape and then only given new values: for every
 * shape, with values that differ from the call that compiled it, it must be exactly the statement
 * a fresh build makes (same text, same parameters). A branch on a value that the shape does not
 * name would show here as a different text or parameter list.
 */
describe('the borrower standing statement, compiled once per shape', () => {
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: () => {
        throw new Error('not used');
      },
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  const desk = { kind: 'staff', staffId: 3, libraryId: 7, role: 'desk' } as const;
  const keys = (n: number): BorrowerKey[] => [
    { memberId: 100 + n },
    { cardNumber: `1234-5678-000${n}` },
    { loanId: 500 + n },
    { itemAt: { libraryId: 7 + n, barcode: `EM${n}` } },
  ];
  const queries = (key: BorrowerKey, n: number): StandingQuery[] => {
    const look = auditRow(desk, new Date(Date.UTC(2026, 11, n)), {
      action: 'member.status_viewed',
      subjectKind: 'member',
      subjectId: 100 + n,
    });
    const loanEvent = auditRow(desk, new Date(Date.UTC(2026, 11, n)), {
      action: 'loan.renewed',
      subjectKind: 'loan',
      subjectId: 500 + n,
      details: { n },
    });
    const limitedLook = auditRow(desk, new Date(Date.UTC(2026, 11, n)), {
      action: 'member.viewed',
      subjectKind: 'member',
      subjectId: null,
      details: { visibility: `limited ${n}` },
    });
    const today = `2026-12-0${n}`;
    const renewing = 'loanId' in key || 'itemAt' in key ? (['renewing library'] as const) : [];
    // A desk's card scan: the card with its member comes with the standing.
    const scans =
      'cardNumber' in key ? [{ today, library: 7 + n, audit: [look], scan: { limitedLook } }] : [];
    return [null, 7 + n, ...renewing].flatMap((library) => [
      { today, library },
      { today, library, itemBarcode: `B${n}` },
      { today, library, audit: look },
      { today, library, audit: loanEvent },
      { today, library, audit: [look, loanEvent], itemBarcode: `B${n}` },
      { today, library, audit: null },
      ...scans,
    ]);
  };

  it('is what a fresh build makes, for every shape and every value', () => {
    let shapes = 0;
    for (const n of [1, 2, 3]) {
      keys(n).forEach((key) => {
        for (const query of queries(key, n)) {
          const input = { key, query };
          const bound = standingStatement.compile(db, input);
          const fresh = standingStatement.fresh(db, input);
          expect(bound.sql).toBe(fresh.sql);
          expect(bound.parameters).toEqual(fresh.parameters);
          shapes += 1;
        }
      });
    }
    expect(shapes).toBeGreaterThan(100);
  });
});
