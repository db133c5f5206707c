import { type Kysely, sql } from 'kysely';
import { suspensionAfterReturn } from '../src/modules/circulation/domain.js';
import { businessDateOf } from '../src/platform/clock.js';
import type { DB } from '../src/platform/db/schema.js';
import type { Fixtures } from './fixtures.js';
import type { Op } from './workload.js';

/** Slack around an operation's time window, for its effect's timestamps (same machine clock). */
const SLACK_MS = 5_000;

interface LoanRow {
  id: number;
  member_id: number | null;
  library_id: number;
  barcode: string;
  card: string | null;
  loaned_at: Date;
  returned_at: Date | null;
  return_day: string | null;
  due_date: string;
  days_late: number | null;
  renewals: number;
}

export interface Verification {
  checked: number;
  violations: string[];
}

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * What is wrong with an acknowledged registration, or null: one member registered during the run
 * with its phone (the one its answer named). Members from before the run may share the phone —
 * the demo data's numbers and the run's generated ones can meet — and are not this registration.
 */
export async function registrationProblem(
  db: Kysely<DB>,
  op: Pick<Op, 'phone' | 'memberId'>,
  runStart: number,
): Promise<string | null> {
  const found = await db
    .selectFrom('members')
    .select(['id'])
    .where('phone', '=', (op.phone ?? '').replace(/\D/g, ''))
    .where('registered_at', '>=', new Date(runStart))
    .execute();
  if (found.length !== 1) return `${found.length} members with its phone`;
  if (op.memberId !== undefined && found[0]!.id !== op.memberId)
    return `member ${op.memberId} is not the one with its phone`;
  return null;
}

/**
 * What is wrong with an acknowledged hold placement, or null: the hold of this member, at this
 * library, on the title of the copy the desk scanned — by its id when the answer (or the CONFLICT
 * saying it was applied) gave it, else one placed since the operation started. The member may
 * hold other titles, and at other libraries, in the same moments: those are not this placement.
 */
export async function holdPlacementProblem(
  db: Kysely<DB>,
  op: Pick<Op, 'holdId' | 'libraryId' | 'barcode' | 'started'>,
  memberId: number | undefined,
): Promise<string | null> {
  const copyRecord = sql`(select record_id from items
                           where library_id = ${op.libraryId} and barcode = ${op.barcode ?? ''})`;
  const { rows } = await sql<{ member_id: number; library_id: number; on_title: boolean }>`
    select member_id, library_id, record_id = ${copyRecord} as on_title
      from holds
     where ${
       op.holdId === undefined
         ? sql`member_id = ${memberId ?? 0} and library_id = ${op.libraryId}
               and record_id = ${copyRecord} and placed_at >= ${new Date(op.started - SLACK_MS)}`
         : sql`id = ${op.holdId}`
     }`.execute(db);
  const hold = rows[0];
  if (!hold) return 'the hold is missing';
  if (hold.member_id !== memberId || hold.library_id !== op.libraryId)
    return "the hold is another member's or library's";
  if (!hold.on_title) return 'the hold is on another title';
  return null;
}

/**
 * After the last restart: every acknowledged operation is in the database, none was applied
 * more often than it was sent, and the invariants hold.
 */
export async function verify(
  db: Kysely<DB>,
  ops: Op[],
  fixtures: Fixtures,
  runStart: number,
): Promise<Verification> {
  const violations: string[] = [];
  let checked = 0;
  const fail = (message: string) => violations.push(message);

  const loans = (
    await sql<LoanRow>`
      select l.id, l.member_id, l.library_id, i.barcode, c.number as card, l.loaned_at,
             l.returned_at, l.return_day, l.due_date, l.days_late, l.renewals
      from loans l
      join items i on i.id = l.item_id
      left join cards c on c.member_id = l.member_id and c.status in ('valid', 'lost')
      order by l.id`.execute(db)
  ).rows;
  const cardsOf = new Map<string, number>(
    (await db.selectFrom('cards').select(['number', 'member_id']).execute()).map((c) => [
      c.number,
      c.member_id,
    ]),
  );
  const byItem = new Map<string, LoanRow[]>();
  for (const loan of loans) {
    const key = `${loan.library_id}:${loan.barcode}`;
    byItem.set(key, [...(byItem.get(key) ?? []), loan]);
  }
  const within = (at: Date | null, op: Op) =>
    at !== null &&
    at.getTime() >= op.started - SLACK_MS &&
    at.getTime() <= (op.ended || Date.now()) + SLACK_MS;
  // A machine's checkout answered as a loan made earlier the same day (by a request whose answer
  // was lost): that loan must still have been open when it was sent.
  const lentEarlierToday = (loan: LoanRow, op: Op) =>
    businessDateOf(loan.loaned_at) === businessDateOf(new Date(op.started)) &&
    loan.loaned_at.getTime() <= op.started + SLACK_MS &&
    (loan.returned_at === null || loan.returned_at.getTime() >= op.started - SLACK_MS);
  // A machine's return answered as made earlier the same day: a loan of the copy returned that
  // day before the answer came.
  const returnedEarlierToday = (loan: LoanRow, op: Op) =>
    loan.returned_at !== null &&
    businessDateOf(loan.returned_at) === businessDateOf(new Date(op.started)) &&
    loan.returned_at.getTime() <= op.ended + SLACK_MS;

  // 1. Every acknowledged operation is in the database.
  for (const op of ops) {
    if (op.outcome !== 'acked' && op.outcome !== 'applied') continue;
    checked++;
    const item = op.barcode ? (byItem.get(`${op.libraryId}:${op.barcode}`) ?? []) : [];
    const memberId = op.memberId ?? (op.card ? cardsOf.get(op.card) : undefined);
    const what = `${op.channel} ${op.kind} #${op.id} (${op.outcome})`;
    switch (op.kind) {
      case 'register': {
        const problem = await registrationProblem(db, op, runStart);
        if (problem) fail(`${what}: ${problem}`);
        break;
      }
      case 'check-in': {
        const { rows } = await sql<{ covered: boolean }>`
          select exists (select 1 from check_ins where member_id = ${op.memberId!} and library_id = ${op.libraryId})
              or exists (select 1 from members where id = ${op.memberId!} and home_library_id = ${op.libraryId})
            as covered`.execute(db);
        if (!rows[0]?.covered) fail(`${what}: no check-in of member ${op.memberId} there`);
        break;
      }
      case 'checkout': {
        if (op.renewedByCheckout) {
          if (!item.some((l) => l.member_id === memberId && l.renewals > 0))
            fail(`${what}: the renewal it answered is not there`);
        } else if (op.loanId !== undefined) {
          const loan = loans.find((l) => l.id === op.loanId);
          if (!loan) fail(`${what}: loan ${op.loanId} is missing`);
          else if (loan.barcode !== op.barcode || loan.member_id !== memberId)
            fail(`${what}: loan ${op.loanId} is of another item or member`);
        } else if (op.repeat) {
          if (!item.some((l) => l.member_id === memberId && lentEarlierToday(l, op)))
            fail(
              `${what}: answered as lent today, but no loan of ${op.barcode} to member ${memberId} was`,
            );
        } else if (!item.some((l) => l.member_id === memberId && within(l.loaned_at, op))) {
          fail(`${what}: no loan of ${op.barcode} to member ${memberId} in its time`);
        }
        break;
      }
      case 'return': {
        if (op.loanId !== undefined) {
          const loan = loans.find((l) => l.id === op.loanId);
          if (!loan?.returned_at) fail(`${what}: loan ${op.loanId} is not returned`);
        } else if (op.repeat) {
          if (!item.some((l) => returnedEarlierToday(l, op)))
            fail(`${what}: answered as returned today, but no loan of ${op.barcode} was`);
        } else if (!item.some((l) => within(l.returned_at, op))) {
          fail(`${what}: no return of ${op.barcode} in its time`);
        }
        break;
      }
      case 'hold': {
        const problem = await holdPlacementProblem(db, op, memberId);
        if (problem) fail(`${what}: ${problem}`);
        break;
      }
      case 'renew': {
        if (op.loanId !== undefined) {
          const loan = loans.find((l) => l.id === op.loanId);
          if (!loan || loan.renewals < (op.renewals ?? 1))
            fail(
              `${what}: loan ${op.loanId} has ${loan?.renewals} renewals, answered ${op.renewals}`,
            );
        } else if (
          !item.some((l) => l.renewals > 0 && l.loaned_at.getTime() <= op.ended + SLACK_MS)
        ) {
          fail(`${what}: no renewed loan of ${op.barcode}`);
        }
        break;
      }
    }
  }

  // 2. Nothing applied more often than it was sent: per item, the effects of the run lie between
  // the acknowledged operations and those plus the ones whose answer never came.
  const bounds = new Map<string, Record<string, { sure: number; maybe: number }>>();
  const count = (key: string, kind: string, op: Op) => {
    const perItem = bounds.get(key) ?? {};
    const entry = perItem[kind] ?? { sure: 0, maybe: 0 };
    if (op.outcome === 'acked' || op.outcome === 'applied') entry.sure++;
    else if (op.outcome === 'unknown') entry.maybe++;
    perItem[kind] = entry;
    bounds.set(key, perItem);
  };
  for (const op of ops) {
    if (!op.barcode) continue;
    const key = `${op.libraryId}:${op.barcode}`;
    if (op.repeat) continue; // answered as made earlier today: no new effect
    if (op.kind === 'checkout' && op.renewedByCheckout) count(key, 'renew', op);
    else if (op.kind === 'checkout' && op.outcome === 'unknown' && op.channel === 'sip2') {
      count(key, 'checkout', op);
      count(key, 'renew', op); // a lost SIP2 checkout may have renewed instead
    } else count(key, op.kind, op);
  }
  for (const [key, perItem] of bounds) {
    const itemLoans = byItem.get(key) ?? [];
    const effects = {
      checkout: itemLoans.filter((l) => l.loaned_at.getTime() >= runStart).length,
      return: itemLoans.filter((l) => l.returned_at && l.returned_at.getTime() >= runStart).length,
      renew: itemLoans.reduce((n, l) => n + l.renewals, 0),
    };
    for (const kind of ['checkout', 'return', 'renew'] as const) {
      const b = perItem[kind] ?? { sure: 0, maybe: 0 };
      checked++;
      if (effects[kind] < b.sure || effects[kind] > b.sure + b.maybe) {
        fail(
          `item ${key}: ${effects[kind]} ${kind}s in the database, ${b.sure} acknowledged and ${b.maybe} unanswered`,
        );
      }
    }
  }
  const registrations = ops.filter((o) => o.kind === 'register');
  const sureRegistrations = registrations.filter(
    (o) => o.outcome === 'acked' || o.outcome === 'applied',
  ).length;
  const maybeRegistrations = registrations.filter((o) => o.outcome === 'unknown').length;
  const registered = Number(
    (
      await db
        .selectFrom('members')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('registered_at', '>=', new Date(runStart))
        .executeTakeFirstOrThrow()
    ).n,
  );
  checked++;
  if (registered < sureRegistrations || registered > sureRegistrations + maybeRegistrations) {
    fail(
      `${registered} members registered during the run, ${sureRegistrations} acknowledged and ${maybeRegistrations} unanswered`,
    );
  }

  // 3. Inter-library requests: each acknowledged step is where its request is (or beyond), no
  // request was placed twice, one open request per copy, and a collected request has its loan.
  await verifyRequests(db, ops, runStart, fail, () => checked++);
  // Holds: each placed at most once per request, each set aside at most once, never lent to
  // anyone else, each collected by a loan of its member.
  const holdOps = ops.filter((o) => o.kind === 'hold');
  const sureHolds = holdOps.filter((o) => o.outcome === 'acked' || o.outcome === 'applied').length;
  const maybeHolds = holdOps.filter((o) => o.outcome === 'unknown').length;
  const placed = Number(
    (
      await db
        .selectFrom('holds')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('placed_at', '>=', new Date(runStart))
        .executeTakeFirstOrThrow()
    ).n,
  );
  checked++;
  if (placed < sureHolds || placed > sureHolds + maybeHolds) {
    fail(
      `${placed} holds placed during the run, ${sureHolds} acknowledged and ${maybeHolds} unanswered`,
    );
  }
  const lentTrap = await sql<{ id: number }>`
    select h.id from holds h join loans o on o.item_id = h.item_id and o.returned_at is null
     where h.state = 'ready'`.execute(db);
  checked++;
  for (const row of lentTrap.rows) fail(`hold ${row.id}: its copy set aside is on loan`);
  const trapEvents = await sql<{ id: number; n: number }>`
    select h.id, (select count(*)::int from audit_events e
                   where e.subject_kind = 'hold' and e.subject_id = h.id::text
                     and e.action = 'hold.ready') as n
      from holds h where h.ready_at is not null`.execute(db);
  for (const row of trapEvents.rows) {
    checked++;
    if (row.n !== 1) fail(`hold ${row.id}: set aside ${row.n} times`);
  }
  const collected = await sql<{ id: number }>`
    select h.id from holds h left join loans o on o.id = h.loan_id
     where h.state = 'collected' and (o.id is null or (o.member_id is not null and o.member_id <> h.member_id))`.execute(
    db,
  );
  checked++;
  for (const row of collected.rows) fail(`hold ${row.id}: collected by no loan of its member`);
  const { rows: tally } = await sql<{ ready: number; collected: number }>`
    select count(*) filter (where ready_at is not null)::int as ready,
           count(*) filter (where state = 'collected')::int as collected
      from holds where placed_at >= ${new Date(runStart)}`.execute(db);
  console.log(
    `  holds: ${placed} placed, ${tally[0]?.ready ?? 0} set aside on a return, ${tally[0]?.collected ?? 0} collected`,
  );
  const trappedReturns = ops.filter((o) => o.kind === 'return' && o.trapped).length;
  if (holdOps.length > 0 && trappedReturns === 0) {
    console.warn('  note: no return set a copy aside for a hold');
  }

  // 3. Invariants.
  const doubled = await sql<{ item_id: number; n: number }>`
    select item_id, count(*)::int as n from loans where returned_at is null
    group by item_id having count(*) > 1`.execute(db);
  checked++;
  for (const row of doubled.rows) fail(`item ${row.item_id} has ${row.n} open loans`);

  const rules = await db.selectFrom('network_rules').selectAll().executeTakeFirstOrThrow();
  const overNetwork = await sql<{ member_id: number; n: number }>`
    select member_id, count(*)::int as n from loans
    where returned_at is null and member_id is not null
    group by member_id having count(*) > ${rules.network_loan_limit}`.execute(db);
  checked++;
  for (const row of overNetwork.rows)
    fail(`member ${row.member_id} has ${row.n} open loans, above the network limit`);
  const overLibrary = await sql<{ member_id: number; library_id: number; n: number }>`
    select l.member_id, l.library_id, count(*)::int as n
    from loans l join library_loan_rules r on r.library_id = l.library_id
    where l.returned_at is null and l.member_id is not null
    group by l.member_id, l.library_id, r.loan_limit having count(*) > r.loan_limit`.execute(db);
  checked++;
  for (const row of overLibrary.rows)
    fail(
      `member ${row.member_id} has ${row.n} open loans at library ${row.library_id}, above its limit`,
    );

  // Suspensions: replaying each member's late returns gives the end date the member has.
  const members = await db
    .selectFrom('members')
    .select(['id', 'suspended_until', 'suspension_loan_id'])
    .execute();
  const lateByMember = new Map<number, LoanRow[]>();
  for (const loan of loans) {
    if (loan.member_id === null || !loan.returned_at || !loan.days_late) continue;
    lateByMember.set(loan.member_id, [...(lateByMember.get(loan.member_id) ?? []), loan]);
  }
  const mode = {
    suspensionMode: rules.suspension_mode,
    maxSuspensionDays: rules.max_suspension_days,
  } as Parameters<typeof suspensionAfterReturn>[3];
  let suspended = 0;
  for (const member of members) {
    const late = (lateByMember.get(member.id) ?? []).sort(
      (a, b) => a.returned_at!.getTime() - b.returned_at!.getTime() || a.id - b.id,
    );
    let until: string | null = null;
    for (const loan of late)
      until = suspensionAfterReturn(until, loan.return_day!, loan.days_late!, mode);
    checked++;
    if (member.suspended_until !== until) {
      fail(
        `member ${member.id} is suspended until ${member.suspended_until}, its late returns say ${until}`,
      );
      continue;
    }
    if (until === null) continue;
    suspended++;
    const cause = late.find((l) => l.id === member.suspension_loan_id);
    if (!cause)
      fail(
        `member ${member.id}: the suspension cites loan ${member.suspension_loan_id}, not a late return of theirs`,
      );
    else if (
      rules.suspension_mode === 'longest' &&
      rules.max_suspension_days === null &&
      addDays(cause.return_day!, cause.days_late! - 1) !== until
    ) {
      fail(`member ${member.id}: the suspension cites loan ${cause.id}, which does not end it`);
    }
  }

  // Every returned loan says how late it was; every change has its audit event (same transaction).
  for (const loan of loans) {
    if (!loan.returned_at) continue;
    const expected = Math.max(0, daysBetween(loan.due_date, loan.return_day!));
    if (loan.days_late !== expected)
      fail(`loan ${loan.id}: ${loan.days_late} days late, its dates say ${expected}`);
  }
  const audit = await sql<{ subject_id: string; action: string; n: number }>`
    select subject_id, action, count(*)::int as n from audit_events
    where subject_kind = 'loan' and action in ('loan.checked_out', 'loan.returned', 'loan.renewed')
    group by subject_id, action`.execute(db);
  const events = new Map(audit.rows.map((r) => [`${r.subject_id}:${r.action}`, r.n]));
  for (const loan of loans) {
    checked++;
    const out = events.get(`${loan.id}:loan.checked_out`) ?? 0;
    const back = events.get(`${loan.id}:loan.returned`) ?? 0;
    const renewed = events.get(`${loan.id}:loan.renewed`) ?? 0;
    if (out !== 1) fail(`loan ${loan.id}: ${out} checkout events`);
    if (back !== (loan.returned_at ? 1 : 0)) fail(`loan ${loan.id}: ${back} return events`);
    if (renewed !== loan.renewals)
      fail(`loan ${loan.id}: ${loan.renewals} renewals, ${renewed} renewal events`);
  }
  if (fixtures.overdue.length > 0 && suspended === 0) {
    // Not a violation, but the run did not exercise suspensions: say so.
    console.warn('  note: no member ended the run suspended');
  }
  return { checked, violations };
}

const REQUEST_ORDER = ['requested', 'sent', 'arrived', 'collected', 'returning', 'closed'];
const REACHED: Partial<Record<Op['kind'], string>> = {
  'request-place': 'requested',
  'request-send': 'sent',
  'request-receive': 'arrived',
  'request-home': 'closed',
};

async function verifyRequests(
  db: Kysely<DB>,
  ops: Op[],
  runStart: number,
  fail: (message: string) => void,
  count: () => void,
): Promise<void> {
  const { rows } = await sql<{
    id: number;
    member_id: number | null;
    barcode: string;
    state: string;
    outcome: string | null;
    loan_id: number | null;
    requested_at: Date;
  }>`select q.id, q.member_id, i.barcode, q.state, q.outcome, q.loan_id, q.requested_at
       from inter_library_requests q join items i on i.id = q.item_id
      where q.requested_at >= ${new Date(runStart - SLACK_MS)}
      order by q.id`.execute(db);
  const journeys = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = `${row.member_id}:${row.barcode}`;
    journeys.set(key, [...(journeys.get(key) ?? []), row]);
  }
  // Per member and title: as many requests as placements acknowledged, at most as many as sent.
  const placements = new Map<string, { sure: number; maybe: number }>();
  for (const op of ops.filter((o) => o.kind === 'request-place')) {
    const key = `${op.memberId}:${op.barcode}`;
    const entry = placements.get(key) ?? { sure: 0, maybe: 0 };
    if (op.outcome === 'acked' || op.outcome === 'applied') entry.sure++;
    else if (op.outcome === 'unknown') entry.maybe++;
    placements.set(key, entry);
  }
  for (const [key, bound] of placements) {
    const made = journeys.get(key)?.length ?? 0;
    count();
    if (made < bound.sure || made > bound.sure + bound.maybe)
      fail(
        `requests ${key}: ${made} in the database, ${bound.sure} acknowledged and ${bound.maybe} unanswered`,
      );
  }
  // Each acknowledged step: the member's latest request of the title got there (or beyond).
  for (const op of ops) {
    const reached = REACHED[op.kind];
    if (!reached || (op.outcome !== 'acked' && op.outcome !== 'applied')) continue;
    count();
    // The request the step was about (its id from the placement's answer, or from the CONFLICT
    // that said it was applied when that answer was lost); else the member's
    // latest request of the title: for the placement, placed before it ended; for a later step
    // (the placement's answer was lost), placed before the step was made — not up to its end and
    // after, as a member's next journey may request the same title a moment after this step.
    const placedBy = op.kind === 'request-place' ? (op.ended || Date.now()) + SLACK_MS : op.started;
    const journey = (journeys.get(`${op.memberId}:${op.barcode}`) ?? []).filter((r) =>
      op.requestId === undefined
        ? r.requested_at.getTime() <= placedBy
        : Number(r.id) === op.requestId,
    );
    const latest = journey.at(-1);
    if (!latest) fail(`request ${op.kind} #${op.id} of ${op.barcode}: no request`);
    else if (REQUEST_ORDER.indexOf(latest.state) < REQUEST_ORDER.indexOf(reached))
      fail(
        `request ${op.kind} #${op.id} of ${op.barcode}: request ${latest.id} is ${latest.state}`,
      );
  }
  const twice = await sql<{ item_id: number; n: number }>`
    select item_id, count(*)::int as n from inter_library_requests where state <> 'closed'
     group by item_id having count(*) > 1`.execute(db);
  count();
  for (const row of twice.rows) fail(`item ${row.item_id} has ${row.n} open requests`);
  const unmatched = await sql<{ id: number }>`
    select q.id from inter_library_requests q
     where q.state = 'collected'
       and not exists (select 1 from loans o where o.id = q.loan_id and o.returned_at is null)
    union all
    select o.id from loans o
     where o.returned_at is null and o.pickup_library_id is not null
       and not exists (select 1 from inter_library_requests q
                        where q.loan_id = o.id and q.state = 'collected')`.execute(db);
  count();
  for (const row of unmatched.rows)
    fail(`request or loan ${row.id}: a collection without its pair`);
}
