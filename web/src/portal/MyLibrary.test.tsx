// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setCsrfToken } from '../api/client';
import type { CirculationStatus } from '../api/types';
import { mockApi } from '../test/api-mock';
import { emptyStatus, member, tongyeong, yonam } from '../test/fixtures';
import { renderAt, resetBetweenTests } from '../test/render';

const status: CirculationStatus = {
  ...emptyStatus,
  openLoans: [
    {
      library: { id: 3, nameKo: yonam.nameKo, nameEn: yonam.nameEn, phone: yonam.phone },
      dueDate: '2026-12-29',
      overdue: false,
      loanId: 77,
      title: '작별하지 않는다',
      itemBarcode: 'JYL0000003',
      loanDay: '2026-12-15',
      renewals: 0,
      // The server's rules say why this loan may not be renewed (the member is suspended).
      renewable: false,
      renewalRefusals: [
        {
          code: 'MEMBER_SUSPENDED',
          detail: '2026-12-21까지 대출이 정지되어 있습니다.',
          params: {},
        },
      ],
    },
  ],
  suspension: {
    until: '2026-12-21',
    resumesOn: '2026-12-22',
    cause: {
      library: { id: 7, nameKo: tongyeong.nameKo, nameEn: tongyeong.nameEn },
      daysLate: 4,
      returnDay: '2026-12-18',
      title: '프로젝트 헤일메리',
    },
  },
  network: { open: 1, limit: 20, left: 19 },
  byLibrary: [
    {
      library: { id: 3, nameKo: yonam.nameKo, nameEn: yonam.nameEn },
      open: 1,
      limit: 5,
      left: 4,
      onlineRenewal: true,
      maxRenewals: 1,
    },
  ],
};

function portalRoutes(loans: CirculationStatus) {
  return mockApi([
    ['GET', '/api/v1/me', { body: member }],
    ['GET', '/api/v1/me/loans', { body: loans }],
    [
      'GET',
      '/api/v1/me/data-holders',
      {
        body: {
          libraries: [
            { id: 3, nameKo: yonam.nameKo, nameEn: yonam.nameEn, phone: yonam.phone },
            { id: 7, nameKo: tongyeong.nameKo, nameEn: tongyeong.nameEn, phone: tongyeong.phone },
          ],
        },
      },
    ],
    ['GET', '/api/v1/libraries', { body: { libraries: [yonam, tongyeong] } }],
    [
      'POST',
      '/api/v1/me/loans/77/renewal',
      {
        body: {
          loan: {
            id: 77,
            dueDate: '2027-01-05',
            previousDueDate: '2026-12-29',
            renewals: 1,
            renewalsLeft: 0,
          },
          library: { id: 3, nameKo: yonam.nameKo, nameEn: yonam.nameEn },
        },
      },
    ],
  ]);
}

/** The signed-in member's loan history, as the portal's history tab reads it. */
function historyRoutes(loans: unknown[]) {
  mockApi([
    ['GET', '/api/v1/me', { body: member }],
    ['GET', '/api/v1/me/loan-history', { body: { enabled: true, loans } }],
  ]);
}

describe('portal: my loans', () => {
  resetBetweenTests();

  it("writes each past loan's period with weekdays, and a loan returned the day it was lent once", async () => {
    const yonamRef = { id: 3, nameKo: yonam.nameKo, nameEn: yonam.nameEn };
    const past = { author: null, library: yonamRef, dueDate: '2026-12-18', daysLate: 0 };
    historyRoutes([
      { ...past, loanId: 1, title: '흰', loanDay: '2026-12-04', returnDay: '2026-12-04' },
      {
        ...past,
        loanId: 2,
        title: '채식주의자',
        loanDay: '2026-11-20',
        returnDay: '2026-12-04',
      },
    ]);
    renderAt('/portal/me/history');
    const period = async (title: string) =>
      [...((await screen.findByText(title)).closest('li')?.querySelectorAll('dd') ?? [])].map(
        (dd) => dd.textContent,
      )[1];
    expect(await period('흰')).toBe('2026년 12월 4일 (금)');
    expect(await period('채식주의자')).toBe('2026년 11월 20일 (금) – 2026년 12월 4일 (금)');
  });

  it('names where a requested book was collected beside the library that lent it', async () => {
    const lender = { id: 4, nameKo: '진주시립서부도서관', nameEn: 'Jinju Seobu Library' };
    const pickup = { id: 3, nameKo: yonam.nameKo, nameEn: yonam.nameEn };
    const days = { loanDay: '2026-11-20', dueDate: '2026-12-04', returnDay: '2026-12-01' };
    historyRoutes([
      {
        ...days,
        loanId: 1,
        title: '소년이 온다',
        author: null,
        library: lender,
        daysLate: 0,
        pickupLibrary: pickup,
      },
      { ...days, loanId: 2, title: '흰', author: null, library: pickup, daysLate: 0 },
    ]);
    renderAt('/portal/me/history');
    const facts = async (title: string) =>
      [...((await screen.findByText(title)).closest('li')?.querySelectorAll('dt, dd') ?? [])].map(
        (node) => node.textContent,
      );
    expect(await facts('소년이 온다')).toEqual(
      expect.arrayContaining(['진주시립서부도서관', '받은 도서관 (상호대차)', yonam.nameKo]),
    );
    expect(await facts('흰')).not.toContain('받은 도서관 (상호대차)');
  });

  it('names the tab open in the page title and the heading, so a screen reader hears which', async () => {
    portalRoutes(emptyStatus);
    renderAt('/portal/me');
    const heading = await screen.findByRole('heading', { level: 1 });
    expect(heading.textContent).toBe(`${member.name} 님의 서재 · 대출`);
    await waitFor(() =>
      expect(document.title).toBe(`대출 · ${member.name} 님의 서재 · 책이음 Library One`),
    );
    fireEvent.click(screen.getByRole('link', { name: '회원카드' }));
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
        `${member.name} 님의 서재 · 회원카드`,
      ),
    );
    expect(document.title).toBe(`회원카드 · ${member.name} 님의 서재 · 책이음 Library One`);
  });

  it('says on the loans tab what waits to be collected, with the way to it', async () => {
    mockApi([
      ['GET', '/api/v1/me', { body: member }],
      ['GET', '/api/v1/me/loans', { body: emptyStatus }],
      ['GET', '/api/v1/me/holds', { body: { holds: [{ state: 'ready' }, { state: 'waiting' }] } }],
      ['GET', '/api/v1/me/requests', { body: { requests: [{ state: 'arrived' }] } }],
    ]);
    renderAt('/portal/me');
    const ready = await screen.findByRole('region', { name: '찾아갈 책이 있습니다' });
    expect(ready.textContent).toContain('예약한 책 1권이 준비되었습니다.');
    expect(ready.textContent).toContain('상호대차로 신청한 책 1권이 도착했습니다.');
    expect(screen.getByRole('link', { name: '예약 보기' }).getAttribute('href')).toBe(
      '/portal/me/holds',
    );
  });

  it('offers nothing to borrow on a card reported lost: a new card first', async () => {
    mockApi([
      ['GET', '/api/v1/me', { body: { ...member, card: { ...member.card!, status: 'lost' } } }],
      ['GET', '/api/v1/me/loans', { body: emptyStatus }],
    ]);
    renderAt('/portal/me');
    expect(await screen.findByText(/^분실 신고한 카드로는 빌릴 수 없습니다\./)).toBeTruthy();
    expect(screen.queryByText(/전체 .*권 \(한도/)).toBeNull();
  });

  it('shows the suspension: until when, because of which book at which library', async () => {
    portalRoutes(status);
    renderAt('/portal/me');
    expect(await screen.findByText('대출 정지: 2026년 12월 21일 (월)까지')).toBeTruthy();
    expect(screen.getByText('2026년 12월 22일 (화)부터 다시 빌릴 수 있습니다.')).toBeTruthy();
    expect(
      // The day it came back, with its weekday as every other date on the page.
      screen.getByText(
        '통영시립도서관에서 빌린 《프로젝트 헤일메리》를 4일 늦게 반납했습니다 (2026년 12월 18일 (금) 반납).',
      ),
    ).toBeTruthy();
    // No renewal while suspended: the reason instead of the button.
    expect(screen.getByText('대출 정지 중에는 연장할 수 없습니다.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /연장/ })).toBeNull();
  });

  it('lists loans with due date and lending library, loans left everywhere, and renews online', async () => {
    setCsrfToken('member-csrf');
    const calls = portalRoutes({
      ...status,
      suspension: null,
      openLoans: status.openLoans.map((loan) => ({
        ...loan,
        renewable: true,
        renewalRefusals: [],
      })),
    });
    renderAt('/portal/me');
    expect(await screen.findByText('작별하지 않는다')).toBeTruthy();
    expect(screen.getByText('2026년 12월 29일 (화)')).toBeTruthy();
    expect(screen.getAllByText('진주시립연암도서관').length).toBeGreaterThan(0);
    expect(screen.getByText('전체 19권 (한도 20권)')).toBeTruthy();
    await screen.findByText('통영시립도서관');
    expect(screen.getByText('4권 더 (빌린 책 1권 / 한도 5권)')).toBeTruthy();
    expect(screen.getByText('5권 더 (빌린 책 0권 / 한도 5권)')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '작별하지 않는다 연장' }));
    expect(
      await screen.findByText(
        '《작별하지 않는다》의 반납 예정일이 2027년 1월 5일 (화)로 연장되었습니다.',
      ),
    ).toBeTruthy();
    const renewal = calls.find((c) => c.method === 'POST');
    expect(renewal?.headers['x-csrf-token']).toBe('member-csrf');
    expect(renewal?.headers['idempotency-key']).toBeTruthy();
  });

  it("shows an inter-library loan's pickup library, and its renewals by that library's rules", async () => {
    portalRoutes({
      ...status,
      suspension: null,
      openLoans: [
        {
          ...status.openLoans[0]!,
          library: { id: 7, nameKo: tongyeong.nameKo, nameEn: tongyeong.nameEn, phone: null },
          pickupLibrary: { id: 3, nameKo: yonam.nameKo, nameEn: yonam.nameEn },
          renewable: true,
          renewalRefusals: [],
        },
      ],
      // Counted at Jinju Yonam, the pickup library, whose rules allow two renewals.
      byLibrary: [{ ...status.byLibrary[0]!, maxRenewals: 2 }],
    });
    renderAt('/portal/me');
    const title = await screen.findByText('작별하지 않는다');
    const loan = title.closest('li')!;
    expect(loan.textContent).toContain('받은 도서관 (반납·연장 가능)');
    expect(loan.textContent).toContain('진주시립연암도서관');
    expect(loan.textContent).toContain('0/2회 사용');
  });

  it('counts down to each due date and keeps the order after a renewal', async () => {
    setCsrfToken('member-csrf');
    const loan = status.openLoans[0]!;
    const loans = [
      { ...loan, loanId: 77, title: '작별하지 않는다', dueDate: '2026-12-15' },
      { ...loan, loanId: 78, title: '소년이 온다', dueDate: '2026-12-18' },
      { ...loan, loanId: 79, title: '흰', dueDate: '2026-12-13', overdue: true },
    ].map((l) => ({ ...l, renewable: true, renewalRefusals: [] }));
    let renewed = false;
    mockApi([
      ['GET', '/api/v1/me', { body: member }],
      [
        'GET',
        '/api/v1/me/loans',
        () => ({
          body: {
            ...status,
            suspension: null,
            // The server sends the loans by due date: the renewed one would jump to the end.
            openLoans: renewed
              ? [loans[2], loans[1], { ...loans[0]!, dueDate: '2026-12-29', renewals: 1 }]
              : [loans[2], loans[0], loans[1]],
          },
        }),
      ],
      ['GET', '/api/v1/me/data-holders', { body: { libraries: [] } }],
      ['GET', '/api/v1/libraries', { body: { libraries: [yonam] } }],
      [
        'POST',
        '/api/v1/me/loans/77/renewal',
        () => {
          renewed = true;
          return {
            body: {
              loan: { id: 77, dueDate: '2026-12-29', previousDueDate: '2026-12-15' },
              library: { id: 3, nameKo: yonam.nameKo, nameEn: yonam.nameEn },
            },
          };
        },
      ],
    ]);
    renderAt('/portal/me');
    await screen.findByText('작별하지 않는다');
    const rows = () =>
      [...document.querySelectorAll('.loan')].map(
        (li) =>
          `${li.querySelector('.loan-title')?.textContent} ${li.querySelector('.countdown')?.textContent}`,
      );
    // Today is 2026-12-15 (the server's day): late first, due today, then three days left.
    expect(rows()).toEqual(['흰 2일 연체', '작별하지 않는다 D-day', '소년이 온다 D-3']);
    fireEvent.click(screen.getByRole('button', { name: '작별하지 않는다 연장' }));
    await screen.findByText(/2026년 12월 29일 \(화\)로 연장되었습니다/);
    await waitFor(() => expect(rows()).toContain('작별하지 않는다 D-14'));
    expect(rows()).toEqual(['흰 2일 연체', '작별하지 않는다 D-14', '소년이 온다 D-3']);
  });

  it('speaks English after one click, dates included', async () => {
    portalRoutes(status);
    renderAt('/portal/me');
    await screen.findByText('대출 정지: 2026년 12월 21일 (월)까지');
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(await screen.findByText('Borrowing suspended until Mon 21 December 2026')).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByRole('button', { name: '한국어' })).toBeTruthy();
  });
});

describe("portal: the server's reasons after a language switch", () => {
  resetBetweenTests();

  it('reads why nothing can be borrowed or renewed in the new language, without asking the server again', async () => {
    const suspended = {
      code: 'MEMBER_SUSPENDED',
      detail: '2026년 12월 21일 (월)까지 모든 도서관에서 대출이 정지되어 있습니다.',
      sentences: {
        ko: '2026년 12월 21일 (월)까지 모든 도서관에서 대출이 정지되어 있습니다.',
        en: 'Borrowing is suspended at every library until Mon 21 December 2026.',
      },
    };
    const held = {
      code: 'RENEWAL_HELD',
      detail: '다른 회원이 예약한 책이라 연장할 수 없습니다.',
      sentences: {
        ko: '다른 회원이 예약한 책이라 연장할 수 없습니다.',
        en: 'Another member is waiting for this title, so it cannot be renewed.',
      },
    };
    const calls = portalRoutes({
      ...status,
      suspension: null,
      openLoans: status.openLoans.map((loan) => ({ ...loan, renewalRefusals: [held] })),
      standing: { mayBorrow: false, refusals: [suspended], loansLeft: { network: 0, here: null } },
    });
    renderAt('/portal/me');
    expect(await screen.findByText(suspended.sentences.ko)).toBeTruthy();
    expect(screen.getByText(held.sentences.ko)).toBeTruthy();
    const asked = calls.filter((c) => c.path === '/api/v1/me/loans').length;
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(await screen.findByText(suspended.sentences.en)).toBeTruthy();
    expect(screen.getByText(held.sentences.en)).toBeTruthy();
    expect(screen.queryByText(suspended.sentences.ko)).toBeNull();
    expect(calls.filter((c) => c.path === '/api/v1/me/loans')).toHaveLength(asked);
  });
});

describe('portal: my card', () => {
  resetBetweenTests();

  it('shows the card as a scannable barcode and reports it lost after a confirmation', async () => {
    setCsrfToken('member-csrf');
    const lost = { ...member.card!, status: 'lost' as const, lostAt: '2026-12-02T03:00:00.000Z' };
    let reported = false;
    const calls = mockApi([
      ['GET', '/api/v1/me', () => ({ body: reported ? { ...member, card: lost } : member })],
      [
        'POST',
        '/api/v1/me/card/lost',
        () => {
          reported = true;
          return { body: lost };
        },
      ],
    ]);
    renderAt('/portal/me/card');
    // The encoder is a chunk of its own, loaded (and here transformed) on first use.
    const barcode = (await screen.findByRole(
      'img',
      { name: `회원카드 바코드, 번호 ${member.card!.number}` },
      { timeout: 10_000 },
    )) as HTMLImageElement;
    expect(barcode.src).toMatch(/^data:image\/svg\+xml/);
    expect(decodeURIComponent(barcode.src)).toContain('<svg');
    expect(screen.getByText('2980 6032 2272 22')).toBeTruthy();
    expect(screen.getByText(/이 화면의 바코드를 스캔할 수 있습니다/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '분실 신고' }));
    fireEvent.click(await screen.findByRole('button', { name: '분실 신고하기' }));
    expect(await screen.findByText('분실 신고된 카드는 쓸 수 없습니다.')).toBeTruthy();
    // Said as a status, with the keyboard on it: the pressed button is gone.
    const said = await screen.findByRole('status');
    expect(said.textContent).toBe(
      '분실 신고를 했습니다. 이 카드로는 이제 아무도 빌릴 수 없습니다.',
    );
    await waitFor(() => expect(document.activeElement).toBe(said));
    await waitFor(() => expect(calls.some((c) => c.path === '/api/v1/me/card/lost')).toBe(true));
    expect(screen.queryByRole('img', { name: /회원카드 바코드/ })).toBeNull();
    // A lost card is not offered for scanning any more.
    expect(screen.queryByText(/이 화면의 바코드를 스캔할 수 있습니다/)).toBeNull();
  });
});
