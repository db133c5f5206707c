// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { type MockRequest, mockApi } from '../test/api-mock';
import { catchDownloads } from '../test/downloads';
import { deskStaff, tongyeong, yonam } from '../test/fixtures';
import { renderAt, resetBetweenTests } from '../test/render';

const libraryAdmin = { ...deskStaff, id: 6, role: 'library_admin' as const };
const networkAdmin = { ...libraryAdmin, id: 1, role: 'network_admin' as const };

function event(id: number, fields: Record<string, unknown>) {
  return {
    id,
    at: '2026-12-05T14:50:00.000Z',
    actorKind: 'staff',
    actorId: 2,
    actorName: '진주시립연암도서관 안내데스크',
    libraryId: 3,
    action: 'loan.checked_out',
    subjectKind: 'loan',
    subjectId: String(100 + id),
    subjectName: 'JY0001',
    details: {},
    detailNames: { itemBarcode: null, recordTitle: null },
    memberPseudonym: null,
    ...fields,
  };
}

const newest = [
  event(9, {
    details: { itemId: 1991, dueDate: '2026-12-19' },
    detailNames: { itemBarcode: 'JY0001', recordTitle: null },
  }),
  event(8, {
    action: 'member.viewed',
    subjectKind: 'member',
    subjectId: null,
    subjectName: null,
    memberPseudonym: '3f9a1c7e-55aa-41d2-9c3e-0b1d2e3f4a5b',
  }),
];
const oldest = [
  event(7, {
    actorKind: 'system',
    actorId: null,
    actorName: null,
    action: 'library.loan_rules_changed',
    subjectKind: 'library',
    subjectId: '3',
    subjectName: null,
    details: { loanLimit: 7, closedWeekdays: [1], onlineRenewal: true },
  }),
];

/** The log in two pages: `before=8` answers the older one. */
function auditRoutes(staff: typeof deskStaff, pages = { newest, oldest }) {
  return mockApi([
    ['GET', '/api/v1/staff/me', { body: staff }],
    ['GET', '/api/v1/libraries/3', { body: { library: yonam, holidays: [] } }],
    [
      'GET',
      '/api/v1/libraries/3/staff',
      {
        body: {
          staff: [{ ...deskStaff, id: 2, displayName: '연암 안내데스크', username: 'yonam-desk' }],
        },
      },
    ],
    ['GET', '/api/v1/libraries', { body: { libraries: [yonam, tongyeong] } }],
    [
      'GET',
      /^\/api\/v1\/audit-events/,
      (request: MockRequest) => {
        const query = new URL(request.path, 'http://x').searchParams;
        if (query.get('before') === '8')
          return { body: { events: pages.oldest, nextBefore: null } };
        if (query.get('area') === 'holdings') return { body: { events: [], nextBefore: null } };
        return { body: { events: pages.newest, nextBefore: pages.oldest.length > 0 ? 8 : null } };
      },
    ],
  ]);
}

describe('the audit page', () => {
  resetBetweenTests();

  it('shows a library admin who did what at their library, a member only by pseudonym, and pages back', async () => {
    const calls = auditRoutes(libraryAdmin);
    renderAt('/admin/audit');
    const table = await screen.findByRole('table', { name: /감사 기록 \(2건 표시\)/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(within(rows[0]!).getByText('진주시립연암도서관 안내데스크')).toBeTruthy();
    expect(within(rows[0]!).getByText('대출')).toBeTruthy();
    expect(within(rows[0]!).getByText('대출 JY0001')).toBeTruthy();
    // The copy is the loan's subject already: not named twice.
    expect(within(rows[0]!).getByText('반납 예정일: 2026년 12월 19일')).toBeTruthy();
    expect(within(rows[1]!).getByText('회원 정보 조회')).toBeTruthy();
    expect(within(rows[1]!).getByText('회원 (가명 3f9a1c7e)')).toBeTruthy();
    // The actor column: the desk that looked, not the member looked at.
    expect(within(rows[1]!).getByText('진주시립연암도서관 안내데스크')).toBeTruthy();
    // Asked for the admin's own library; no library column for one library.
    expect(calls.find((c) => c.path.startsWith('/api/v1/audit-events'))!.path).toContain(
      'libraryId=3',
    );
    expect(within(table).queryByRole('columnheader', { name: '도서관' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: '이전 기록 더 보기' }));
    const three = await screen.findByRole('table', { name: /감사 기록 \(3건 표시\)/ });
    const added = within(within(three).getAllByRole('row').at(-1)!);
    expect(added.getByText('대출 규칙 변경')).toBeTruthy();
    expect(added.getByText('시스템 (자동 처리)')).toBeTruthy();
    expect(added.getByText('진주시립연암도서관')).toBeTruthy();
    expect(added.getByText('대출 한도: 7, 정기 휴관 요일: 월요일, 온라인 연장: 예')).toBeTruthy();
    expect(screen.getByText('가장 오래된 기록까지 보았습니다.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '이전 기록 더 보기' })).toBeNull();
  });

  it('saves every event the filter matches as a CSV file, with Korean times a spreadsheet sorts', async () => {
    const calls = auditRoutes(networkAdmin);
    renderAt('/admin/audit');
    await screen.findByRole('table');
    const { saved, stop } = catchDownloads();
    fireEvent.click(screen.getByRole('button', { name: 'CSV로 내려받기' }));
    await screen.findByText('3건을 CSV 파일로 내려받았습니다.');
    stop();
    // Both pages, 500 at a time: the older one asked with the first's last event.
    const asked = calls.filter((c) => c.path.includes('limit=500')).map((c) => c.path);
    expect(asked).toHaveLength(2);
    expect(asked[1]).toContain('before=8');
    expect(saved.map((file) => file.name)).toEqual(['감사기록.csv']);
    expect((await saved[0]!.blob.text()).split('\n')).toEqual([
      '\ufeff시각,누가,도서관,무엇을,대상,세부 내용',
      '2026-12-05 23:50:00,진주시립연암도서관 안내데스크,진주시립연암도서관,대출,대출 JY0001,반납 예정일: 2026년 12월 19일',
      '2026-12-05 23:50:00,진주시립연암도서관 안내데스크,진주시립연암도서관,회원 정보 조회,회원 (가명 3f9a1c7e),',
      '2026-12-05 23:50:00,시스템 (자동 처리),진주시립연암도서관,대출 규칙 변경,진주시립연암도서관,"대출 한도: 7, 정기 휴관 요일: 월요일, 온라인 연장: 예"',
      '',
    ]);
  });

  it('words what each kind of event recorded, in Korean and in English', async () => {
    const events = [
      event(6, {
        actorKind: 'system',
        action: 'request.send-deadline',
        subjectKind: 'request',
        subjectName: '어린 왕자',
        details: { from: 3, to: 7, itemId: 77 },
      }),
      event(5, {
        action: 'request.send',
        subjectKind: 'request',
        subjectName: '어린 왕자',
        details: { from: 'requested', to: 'sent', outcome: null, itemId: 77 },
        detailNames: { itemBarcode: 'JS0077', recordTitle: null },
      }),
      event(4, {
        action: 'library.holiday_saved',
        subjectKind: 'library',
        subjectId: '3',
        details: { from: '2026-12-24', to: '2026-12-26', reason: 'closed_day', loansMoved: 1200 },
      }),
      event(3, {
        actorKind: 'terminal',
        actorName: 'jinju-yonam-sc1',
        action: 'card.blocked',
        subjectKind: 'card',
        details: { terminalId: 4, reason: 'PIN 5회 틀림', cardRetained: false },
      }),
      event(2, { action: 'future.kind', subjectKind: 'item', details: { shelfMark: 'A-1' } }),
    ];
    auditRoutes(networkAdmin, { newest: events, oldest: [] });
    renderAt('/admin/audit');
    const table = await screen.findByRole('table', { name: /감사 기록 \(5건 표시\)/ });
    const detailsOf = () =>
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((row) => within(row).getAllByRole('cell').at(-1)!.textContent);
    expect(detailsOf()).toEqual([
      '빌려주는 도서관: 진주시립연암도서관 → 통영시립도서관, 자료 번호: 77',
      // A fact recorded empty (no outcome yet) is left out; the copy by its barcode.
      '상태: 신청됨 → 보냄, 자료: JS0077',
      '기간: 2026년 12월 24일 → 2026년 12월 26일, 사유: 휴관일, 반납일을 옮긴 대출: 1,200',
      '자가대출기 번호: 4, 사유: PIN 5회 틀림, 카드 회수: 아니요',
      // A fact no release words yet is shown as recorded.
      'shelfMark: A-1',
    ]);
    await i18n.changeLanguage('en');
    await waitFor(() =>
      expect(detailsOf()[0]).toBe(
        'Lending library: Jinju Yonam Library → Tongyeong City Library, Copy no.: 77',
      ),
    );
    expect(detailsOf()[2]).toBe(
      'Period: 24 December 2026 → 26 December 2026, Reason: closed day, Loans moved: 1,200',
    );
  });

  it("follows one member's pseudonym, and back to everyone", async () => {
    const calls = auditRoutes(libraryAdmin);
    renderAt('/admin/audit');
    const table = await screen.findByRole('table');
    fireEvent.click(
      within(table).getByRole('button', { name: '이 회원의 기록만 보기 (가명 3f9a1c7e)' }),
    );
    await screen.findByText(/가명 3f9a1c7e 회원의 기록만 보고 있습니다/);
    await waitFor(() =>
      expect(calls.at(-1)!.path).toContain('pseudonym=3f9a1c7e-55aa-41d2-9c3e-0b1d2e3f4a5b'),
    );
    fireEvent.click(screen.getByRole('button', { name: '모든 기록 보기' }));
    await waitFor(() => expect(screen.queryByText(/회원의 기록만 보고 있습니다/)).toBeNull());
    expect(calls.at(-1)!.path).not.toContain('pseudonym');
  });

  it('asks for one kind and a period, and starts again from the newest page', async () => {
    const calls = auditRoutes(libraryAdmin);
    renderAt('/admin/audit');
    await screen.findByRole('table');
    fireEvent.change(screen.getByLabelText('종류'), { target: { value: 'holdings' } });
    const staff = screen.getByLabelText('직원');
    await within(staff).findByRole('option', { name: '연암 안내데스크 (yonam-desk)' });
    fireEvent.change(staff, { target: { value: '2' } });
    fireEvent.change(screen.getByLabelText('시작일'), { target: { value: '2026-11-01' } });
    fireEvent.change(screen.getByLabelText('종료일'), { target: { value: '2026-11-30' } });
    fireEvent.click(screen.getByRole('button', { name: '보기' }));
    await screen.findByText('이 조건에 맞는 기록이 없습니다.');
    const asked = calls.filter((c) => c.path.startsWith('/api/v1/audit-events')).at(-1)!.path;
    expect(asked).toContain('area=holdings');
    expect(asked).toContain('from=2026-11-01');
    expect(asked).toContain('to=2026-11-30');
    expect(asked).toContain('staffId=2');
    expect(asked).not.toContain('before=');
  });

  it("gives the network admin the whole network's log, with each event's library", async () => {
    const calls = auditRoutes(networkAdmin);
    renderAt('/admin/audit');
    const table = await screen.findByRole('table', { name: /감사 기록/ });
    expect(within(table).getByRole('columnheader', { name: '도서관' })).toBeTruthy();
    // The whole network's log: no one library's staff to choose from.
    expect(screen.queryByLabelText('직원')).toBeNull();
    expect(calls.find((c) => c.path.startsWith('/api/v1/audit-events'))!.path).not.toContain(
      'libraryId',
    );
    await waitFor(() => expect(within(table).getAllByText('진주시립연암도서관')).toHaveLength(2));
  });

  it('words the member-record look the privacy officer reviews in English too', async () => {
    auditRoutes(libraryAdmin);
    await i18n.changeLanguage('en');
    renderAt('/admin/audit');
    const table = await screen.findByRole('table', { name: /Audit log \(2 shown\)/ });
    expect(within(table).getByText('Member record viewed')).toBeTruthy();
    expect(within(table).getByText('Checked out')).toBeTruthy();
    expect(within(table).getByText('Loan JY0001')).toBeTruthy();
  });
});
