import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coveredLibraries, coveredLibraryList } from '../../src/modules/members/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { checkInDirectly } from '../support/check-ins.js';
import { walkIn } from '../support/circulation.js';
import { testDatabaseKind } from '../support/database.js';
import { staffClient } from '../support/http.js';

/**
 * Where a member may borrow is one rule (rules.md Check-in: the home library, the libraries
 * checked in at, and the check-in groups of both) written two ways: `coveredLibraries`, which
 * tests a library (one key probe), and `coveredLibraryList`, which lists them all (the libraries
 * holding a member's data, "your libraries first" on a catalogue page). They must agree.
 */
describe(`the libraries a member may borrow at, listed (${testDatabaseKind})`, () => {
  let t: TestApp;
  let libraries: number[];
  const members: Record<string, number> = {};

  const listed = async (memberId: number) =>
    (
      await sql<{ library_id: number }>`${coveredLibraryList(memberId)} order by 1`.execute(t.db)
    ).rows.map((row) => row.library_id);
  const tested = async (memberId: number) =>
    (
      await sql<{ library_id: number }>`${coveredLibraries(memberId)} order by 1`.execute(t.db)
    ).rows.map((row) => row.library_id);

  beforeAll(async () => {
    t = await createTestApp({ accounts: true });
    libraries = (
      await t.db
        .selectFrom('libraries')
        .select('id')
        .where('status', '=', 'participating')
        .orderBy('id')
        .limit(6)
        .execute()
    ).map((row) => row.id);
    expect(libraries).toHaveLength(6);
    const [a, b, c, d, e] = libraries as [number, number, number, number, number];
    // Two check-in groups, {A, B, C} and {D, E}; F (and every other library) in none.
    await t.db.updateTable('libraries').set({ check_in_group_id: null }).execute();
    const group = async (name: string, ids: number[]) => {
      const { id } = await t.db
        .insertInto('check_in_groups')
        .values({ name_ko: name, name_en: name })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db
        .updateTable('libraries')
        .set({ check_in_group_id: id })
        .where('id', 'in', ids)
        .execute();
    };
    await group('가', [a, b, c]);
    await group('나', [d, e]);
    const desk = await staffClient(t.app, 'gyeongnamdaepyo-desk');
    for (const name of ['groupHome', 'loneHome', 'visitor', 'groupVisitor']) {
      members[name] = (await walkIn(desk)).id;
    }
  });
  afterAll(async () => t?.close());

  it('lists the home library, its group, the libraries checked in at and their groups — as the rule tests them', async () => {
    const [a, b, c, d, e, f] = libraries as [number, number, number, number, number, number];
    const home = (memberId: number, libraryId: number) =>
      t.db
        .updateTable('members')
        .set({ home_library_id: libraryId })
        .where('id', '=', memberId)
        .execute();
    await home(members.groupHome!, b);
    await home(members.loneHome!, f);
    await home(members.visitor!, f);
    await checkInDirectly(t.db, { memberId: members.visitor! }, d, t.clock.now());
    await home(members.groupVisitor!, e);
    await checkInDirectly(t.db, { memberId: members.groupVisitor! }, f, t.clock.now());
    await checkInDirectly(t.db, { memberId: members.groupVisitor! }, a, t.clock.now());

    const sorted = (ids: number[]) => [...ids].sort((x, y) => x - y);
    const expected: Record<string, number[]> = {
      groupHome: sorted([a, b, c]),
      loneHome: [f],
      visitor: sorted([d, e, f]),
      groupVisitor: sorted([a, b, c, d, e, f]),
    };
    for (const [name, libraryIds] of Object.entries(expected)) {
      expect(await listed(members[name]!), name).toEqual(libraryIds);
      expect(await tested(members[name]!), name).toEqual(libraryIds);
    }
    // No such member: no library.
    expect(await listed(2_000_000_000)).toEqual([]);
    expect(await tested(2_000_000_000)).toEqual([]);
  });
});
