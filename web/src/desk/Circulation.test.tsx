// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '../api/client';
import type { CirculationStatus, Hold, InterLibraryRequest } from '../api/types';
import i18n from '../i18n';
import { mockApi, problem, type Routes } from '../test/api-mock';
import {
  catalogueTitle,
  deskStaff,
  emptyStatus,
  holding,
  member,
  tongyeong,
  yonam,
} from '../test/fixtures';
import { renderAt, resetBetweenTests } from '../test/render';

const CARD = member.card!.number;
const APPLIED_BARCODE = 'JYL0000012';
const ILL_BARCODE = 'JSL0000040';

function deskRoutes(status: () => CirculationStatus, more: Routes = []) {
  return mockApi([
    ...more,
    ['GET', '/api/v1/staff/me', { body: deskStaff }],
    ['GET', '/api/v1/libraries/3', { body: { library: yonam, holidays: [] } }],
    [
      'GET',
      `/api/v1/cards/${CARD}`,
      () => ({ body: { card: member.card, member, status: status() } }),
    ],
    [
      'GET',
      '/api/v1/cards/29806032227223',
      problem(422, [
        {
          code: 'CARD_NUMBER_INVALID',
          detail: '카드 번호가 올바르지 않습니다. 번호를 다시 확인하거나 다시 스캔해 주세요.',
        },
      ]),
    ],
    ['GET', '/api/v1/members/42/loans', () => ({ body: status() })],
    ['GET', '/api/v1/members/42/holds', { body: { holds: [], elsewhere: [] } }],
    ['GET', '/api/v1/members/42/requests', { body: { requests: [], elsewhere: [] } }],
    [
      'POST',
      '/api/v1/checkouts',
      (request) => {
        const { itemBarcode } = request.body as { itemBarcode: string };
        if (itemBarcode === APPLIED_BARCODE) {
          // A retry of a checkout that was made, its answer lost in a crash.
          return problem(409, [
            {
              code: 'CONFLICT',
              detail:
                '이 요청은 이미 처리되었습니다. 서비스가 멈추면서 그 응답만 전해지지 않았습니다.',
              params: { state: 'applied', id: 77 },
            },
          ]);
        }
        const requested = REQUESTED_COPIES[itemBarcode];
        if (requested) return problem(requested.code === 'ITEM_UNKNOWN' ? 404 : 409, [requested]);
        if (itemBarcode === 'JYL0000009') {
          return problem(422, [
            {
              code: 'MEMBER_SUSPENDED',
              detail: '2026-12-21까지 대출이 정지되었습니다.',
            },
            { code: 'ITEM_ON_LOAN', detail: '이미 대출 중인 자료입니다.' },
          ]);
        }
        // Jinju Seobu's copy, arrived here for the member through a request.
        const requestedHere = itemBarcode === ILL_BARCODE;
        return {
          status: 201,
          body: {
            loan: {
              id: 1,
              itemBarcode,
              title: requestedHere ? '상호대차로 온 책' : '나쁜 어린이 표',
              loanDay: '2026-12-01',
              dueDate: '2026-12-15',
              library: { id: 3, nameKo: yonam.nameKo, nameEn: yonam.nameEn },
              ...(requestedHere
                ? {
                    lendingLibrary: {
                      id: 5,
                      nameKo: '진주시립서부도서관',
                      nameEn: 'Jinju Seobu Library',
                    },
                  }
                : {}),
            },
            memberId: 42,
            loansLeft: { network: 19, here: 4 },
            status: status(),
          },
        };
      },
    ],
  ]);
}

/** Gyeongnamdaepyo's requested copy left here by the courier: it goes to Jinju Seobu. */
const ASTRAY_TO_SEOBU = {
  title: '작별하지 않는다',
  owner: '경남대표도서관',
  ownerEn: 'Gyeongnamdaepyo Library',
  sendTo: '진주시립서부도서관',
  sendToEn: 'Jinju Seobu Library',
  sendToLibraryId: 2,
};

/** Checkout refusals of requested copies scanned at this desk. */
const REQUESTED_COPIES: Record<
  string,
  { code: string; detail: string; params: Record<string, string | number> }
> = {
  SEO0000021: {
    code: 'ITEM_ON_HOLD',
    detail:
      '아직 도착 처리하지 않은 상호대차 자료입니다: 《소년이 온다》. 도착 처리한 뒤 신청한 회원에게만 빌려줄 수 있습니다.',
    params: { requestState: 'sent', title: '소년이 온다' },
  },
  SEO0000022: {
    code: 'ITEM_ON_HOLD',
    detail:
      '다른 회원이 상호대차로 신청한 자료입니다: 《흰》. 윤*라 님을 위해 2026년 12월 4일 (금)까지 보관합니다.',
    params: { requestState: 'arrived', title: '흰', heldFor: '윤*라', pickupUntil: '2026-12-04' },
  },
  JYL0000024: {
    code: 'ITEM_ON_HOLD',
    detail:
      '다른 도서관에서 상호대차로 신청한 자료입니다: 《채식주의자》. 여기서 빌려줄 수 없으니 발송 스캔을 하고 진주시립서부도서관으로 보내 주세요.',
    params: {
      requestState: 'requested',
      title: '채식주의자',
      pickupLibrary: '진주시립서부도서관',
      pickupLibraryEn: 'Jinju Seobu Library',
    },
  },
  JYL0000025: {
    code: 'ITEM_ON_HOLD',
    detail: '돌아온 상호대차 자료입니다: 《희랍어 시간》. 먼저 입고 처리해 주세요.',
    params: { requestState: 'returning', title: '희랍어 시간' },
  },
  GNL0000023: {
    code: 'ITEM_UNKNOWN',
    detail:
      '이 도서관의 자료가 아닙니다: 경남대표도서관의 상호대차 자료 《작별하지 않는다》입니다. 진주시립서부도서관으로 보내 주세요.',
    params: ASTRAY_TO_SEOBU,
  },
  GNL0000030: {
    code: 'ITEM_UNKNOWN',
    detail:
      '다른 도서관의 자료라 여기서는 빌려 줄 수 없습니다: 경남대표도서관의 《채식주의자》입니다. 책은 경남대표도서관으로 보내 주세요.',
    params: {
      title: '채식주의자',
      owner: '경남대표도서관',
      ownerEn: 'Gyeongnamdaepyo Library',
      sendTo: '경남대표도서관',
      sendToEn: 'Gyeongnamdaepyo Library',
      sendToLibraryId: 1,
      request: 'none',
      at: 'checkout',
    },
  },
};

type OpenLoan = CirculationStatus['openLoans'][number];

/** The member's status with one loan of this desk's library (연암), not overdue. */
const seobu = { id: 5, nameKo: '진주시립서부도서관', nameEn: 'Jinju Seobu Library', phone: null };

/** Jinju Seobu's copy lent here (Jinju Yonam) through an inter-library request. */
const illLoanHere: OpenLoan = {
  library: seobu,
  pickupLibrary: { id: 3, nameKo: yonam.nameKo, nameEn: yonam.nameEn },
  loanId: 40,
  title: '상호대차로 온 책',
  itemBarcode: 'JSL0000040',
  loanDay: '2026-12-01',
  dueDate: '2026-12-15',
  overdue: false,
  renewable: true,
};

function withLoanHere(
  loan: Pick<OpenLoan, 'loanId' | 'title' | 'itemBarcode' | 'loanDay' | 'dueDate'>,
): CirculationStatus {
  const library = { id: 3, nameKo: yonam.nameKo, nameEn: yonam.nameEn, phone: null };
  return {
    ...emptyStatus,
    openLoans: [{ ...loan, library, overdue: false }],
    network: { open: 1, limit: 20, left: 19 },
  };
}

/** The first request to `path` reaches the service, and its answer is lost on the way back. */
function dropFirstAnswer(path: string) {
  let dropped = false;
  const reach = globalThis.fetch;
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const answered = await reach(input, init);
    if (!dropped && String(input).includes(path)) {
      dropped = true;
      throw new TypeError('Failed to fetch');
    }
    return answered;
  });
}

/** Holds each answer of `path` until the test releases it: answers slower than the scans. */
function holdAnswers(path: string) {
  const waiting: (() => void)[] = [];
  const reach = globalThis.fetch;
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const answered = await reach(input, init);
    if (String(input).includes(path)) await new Promise<void>((go) => waiting.push(go));
    return answered;
  });
  return {
    release: async () => {
      await waitFor(() => expect(waiting.length).toBeGreaterThan(0));
      waiting.shift()!();
    },
  };
}

async function scan(label: string, value: string) {
  const input = (await screen.findByLabelText(label)) as HTMLInputElement;
  fireEvent.change(input, { target: { value } });
  fireEvent.submit(input.closest('form')!);
}

describe('desk: card, member panel, checkout', () => {
  resetBetweenTests();

  it('opens the member from a scanned card and lends items scanned one after another', async () => {
    setCsrfToken('csrf-1');
    const calls = deskRoutes(() => emptyStatus);
    renderAt('/desk');
    await scan('회원카드 번호', CARD);
    const panel = await screen.findByRole('heading', { name: member.name! });
    expect(panel).toBeTruthy();
    expect(screen.getByText('010-5555-0101')).toBeTruthy();

    await scan('자료 바코드', 'JYL0000001');
    await screen.findByText(/《나쁜 어린이 표》 대출 완료/);
    const receipt = screen.getByRole('region', { name: '책이음 영수증' });
    expect(within(receipt).getByText('JYL0000001')).toBeTruthy();
    // What it is, then the title; the date says it is the due date.
    expect(within(receipt).getByText('대출').closest('td')?.textContent).toMatch(
      /^대출 나쁜 어린이 표/,
    );
    expect(within(receipt).getByText('반납일 2026년 12월 15일 (화)')).toBeTruthy();

    const checkout = calls.find((c) => c.method === 'POST' && c.path === '/api/v1/checkouts');
    expect(checkout?.body).toEqual({ cardNumber: CARD, itemBarcode: 'JYL0000001' });
    expect(checkout?.headers['x-csrf-token']).toBe('csrf-1');
    expect(checkout?.headers['idempotency-key']).toMatch(/^[0-9a-f]{32}$/);
    expect(checkout?.headers['accept-language']).toBe('ko');
    // The scan and the checkout carry the member's status: no separate look at it.
    expect(calls.some((c) => c.path.endsWith('/loans'))).toBe(false);
  });

  it("a requested copy lent here: the receipt says its own library takes it back too, and does not say 'only here'", async () => {
    deskRoutes(() => emptyStatus);
    renderAt('/desk');
    await scan('회원카드 번호', CARD);
    await scan('자료 바코드', 'JYL0000001');
    await screen.findByText(/《나쁜 어린이 표》 대출 완료/);
    const receipt = screen.getByRole('region', { name: '책이음 영수증' });
    expect(within(receipt).getByText('반납은 진주시립연암도서관에만 할 수 있습니다.')).toBeTruthy();

    await scan('자료 바코드', ILL_BARCODE);
    await screen.findByText(/《상호대차로 온 책》 대출 완료/);
    const line = within(receipt).getByText(ILL_BARCODE).closest('td')!;
    expect(line.textContent).toContain('상호대차 자료: 진주시립서부도서관에도 반납할 수 있습니다');
    const own = within(receipt).getByText('JYL0000001').closest('td')!;
    expect(own.textContent).not.toContain('상호대차');
    expect(within(receipt).queryByText(/에만 할 수 있습니다/)).toBeNull();
    expect(
      within(receipt).getByText(
        '반납은 진주시립연암도서관에 합니다. 상호대차 자료는 소장 도서관에도 반납할 수 있습니다.',
      ),
    ).toBeTruthy();
  });

  it("shows the member's holds here (a copy set aside first), those elsewhere by library, and cancels one at their word", async () => {
    setCsrfToken('csrf-1');
    const ready: Hold = {
      id: 7,
      state: 'ready',
      recordId: 70,
      title: '흰',
      author: '한강',
      library: { id: yonam.id, nameKo: yonam.nameKo, nameEn: yonam.nameEn },
      placedAt: '2026-11-20T01:00:00.000Z',
      position: null,
      pickupUntil: '2026-12-04',
      itemBarcode: 'JYL0000070',
    };
    const waiting: Hold = {
      ...ready,
      id: 8,
      state: 'waiting',
      title: '채식주의자',
      position: 2,
      pickupUntil: null,
      itemBarcode: null,
    };
    let cancelled = false;
    const elsewhere = [
      {
        library: { id: 1, nameKo: '경남대표도서관', nameEn: 'Gyeongnamdaepyo Library' },
        waiting: 1,
        ready: 0,
      },
    ];
    const calls = deskRoutes(
      () => emptyStatus,
      [
        [
          'GET',
          '/api/v1/members/42/holds',
          () => ({ body: { holds: cancelled ? [ready] : [ready, waiting], elsewhere } }),
        ],
        [
          'POST',
          '/api/v1/holds/8/cancellation',
          () => {
            cancelled = true;
            return { body: { ...waiting, state: 'cancelled' } };
          },
        ],
      ],
    );
    renderAt('/desk');
    await scan('회원카드 번호', CARD);
    await screen.findByText('예약 서가에 이 회원의 자료가 1권 있습니다. 지금 빌려 주세요.');
    expect(screen.getByText(/예약 서가에 보관 중 \(2026년 12월 4일 \(금\)까지\)/)).toBeTruthy();
    expect(screen.getByText(/2번째로 기다리는 중/)).toBeTruthy();
    expect(
      screen.getByText('다른 도서관의 예약: 경남대표도서관 (대기 1건, 보관 중 0건)'),
    ).toBeTruthy();
    const cancel = screen.getByRole('button', { name: '예약 취소: 채식주의자' });
    cancel.focus();
    fireEvent.click(cancel);
    const yes = screen.getByRole('button', { name: '예, 취소합니다' });
    yes.focus();
    fireEvent.click(yes);
    const said = await screen.findByText('《채식주의자》 예약을 취소했습니다.');
    await waitFor(() => expect(document.activeElement).toBe(said));
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: '예약 취소: 채식주의자' })).toBeNull(),
    );
    const post = calls.find((c) => c.path === '/api/v1/holds/8/cancellation');
    expect(post?.headers['idempotency-key']).toMatch(/\S{16,}/);
  });

  it('holds a title for the member by its words when no copy is in hand to scan', async () => {
    setCsrfToken('csrf-1');
    const calls = deskRoutes(
      () => emptyStatus,
      [
        [
          'GET',
          '/api/v1/catalogue',
          {
            body: {
              titles: [
                catalogueTitle(50, '소년이 온다', [holding(yonam, 2, 0), holding(tongyeong, 1, 1)]),
                catalogueTitle(51, '소년이 온다 (개정판)', [holding(yonam, 1, 1)]),
              ],
              nextCursor: null,
            },
          },
        ],
        [
          'POST',
          '/api/v1/holds',
          {
            status: 201,
            body: {
              id: 12,
              state: 'waiting',
              recordId: 50,
              title: '소년이 온다',
              author: '한강',
              library: { id: yonam.id, nameKo: yonam.nameKo, nameEn: yonam.nameEn },
              placedAt: '2026-12-01T01:00:00.000Z',
              position: 1,
              pickupUntil: null,
              itemBarcode: null,
            },
          },
        ],
      ],
    );
    renderAt('/desk');
    await scan('회원카드 번호', CARD);
    fireEvent.click(await screen.findByText('바코드가 없으면: 제목으로 찾아 예약'));
    fireEvent.change(screen.getByLabelText('이 도서관 자료의 제목, 저자 또는 ISBN'), {
      target: { value: '소년' },
    });
    fireEvent.submit(
      screen.getByLabelText('이 도서관 자료의 제목, 저자 또는 ISBN').closest('form')!,
    );
    // Every copy here out: a hold; a copy on the shelf here: lent instead.
    const hold = await screen.findByRole('button', { name: '예약: 《소년이 온다》' });
    expect(screen.getByText('서가에 1권 있음: 예약 대신 바로 빌려 주세요')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '예약: 《소년이 온다 (개정판)》' })).toBeNull();
    expect(calls.find((c) => c.path.startsWith('/api/v1/catalogue?'))?.path).toContain('library=3');
    fireEvent.click(hold);
    expect(
      await screen.findByText('《소년이 온다》 예약했습니다. 1번째로 기다립니다.'),
    ).toBeTruthy();
    const post = calls.find((c) => c.path === '/api/v1/holds');
    expect(post?.body).toEqual({ cardNumber: CARD, recordId: 50 });
    expect(post?.headers['idempotency-key']).toMatch(/\S{16,}/);
  });

  it("shows the member's inter-library requests to collect here (an arrived copy first), those elsewhere by library, and cancels one at their word", async () => {
    setCsrfToken('csrf-1');
    const arrived: InterLibraryRequest = {
      id: 5,
      recordId: 50,
      title: '소년이 온다',
      author: '한강',
      status: 'arrived',
      state: 'arrived',
      outcome: null,
      pickupLibrary: { id: yonam.id, nameKo: yonam.nameKo, nameEn: yonam.nameEn },
      lendingLibrary: { id: 9, nameKo: '진주시립서부도서관', nameEn: 'Jinju Seobu Library' },
      itemBarcode: 'JSB0000050',
      callNumber: null,
      requestDay: '2026-11-25',
      sendBy: '2026-11-27',
      pickupBy: '2026-12-08',
      dueDate: null,
    };
    const requested: InterLibraryRequest = {
      ...arrived,
      id: 6,
      title: '희랍어 시간',
      status: 'requested',
      state: 'requested',
      itemBarcode: 'JSB0000060',
      pickupBy: null,
    };
    let cancelled = false;
    const elsewhere = [
      {
        library: { id: 1, nameKo: '경남대표도서관', nameEn: 'Gyeongnamdaepyo Library' },
        open: 2,
      },
    ];
    const calls = deskRoutes(
      () => emptyStatus,
      [
        [
          'GET',
          '/api/v1/members/42/requests',
          () => ({
            body: { requests: cancelled ? [arrived] : [arrived, requested], elsewhere },
          }),
        ],
        [
          'POST',
          '/api/v1/requests/6/cancellation',
          () => {
            cancelled = true;
            return { body: { ...requested, status: 'cancelled', state: 'closed' } };
          },
        ],
      ],
    );
    renderAt('/desk');
    await scan('회원카드 번호', CARD);
    await screen.findByText(
      '상호대차로 도착한 이 회원의 책이 1권 있습니다. 예약 서가에서 꺼내 지금 빌려 주세요.',
    );
    expect(
      screen.getByText(/도착 · 예약 서가에 보관 중 \(2026년 12월 8일 \(화\)까지\)/),
    ).toBeTruthy();
    expect(screen.getByText(/신청됨 · 진주시립서부도서관에서 보낼 예정/)).toBeTruthy();
    expect(screen.getByText('다른 도서관에서 받을 상호대차: 경남대표도서관 2건')).toBeTruthy();
    const cancel = screen.getByRole('button', { name: '신청 취소: 희랍어 시간' });
    cancel.focus();
    fireEvent.click(cancel);
    const yes = screen.getByRole('button', { name: '예, 신청을 취소합니다' });
    yes.focus();
    fireEvent.click(yes);
    const said = await screen.findByText('《희랍어 시간》 신청을 취소했습니다.');
    await waitFor(() => expect(document.activeElement).toBe(said));
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: '신청 취소: 희랍어 시간' })).toBeNull(),
    );
    const post = calls.find((c) => c.path === '/api/v1/requests/6/cancellation');
    expect(post?.headers['idempotency-key']).toMatch(/\S{16,}/);
  });

  it('keeps the member open while staff look at the hold shelf and come back; "next member" forgets them', async () => {
    deskRoutes(() => emptyStatus);
    renderAt('/desk');
    await scan('회원카드 번호', CARD);
    await screen.findByRole('heading', { name: member.name! });
    fireEvent.keyDown(window, { key: 'F6' });
    await screen.findByRole('heading', { name: '예약 도서' });
    expect(screen.queryByRole('heading', { name: member.name! })).toBeNull();
    fireEvent.keyDown(window, { key: 'F2' });
    expect(await screen.findByRole('heading', { name: member.name! })).toBeTruthy();
    expect((screen.getByLabelText('회원카드 번호') as HTMLInputElement).value).toBe(CARD);
    // The next scan is a book: the cursor waits in the item field, not after the card number.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('자료 바코드')));
    // Put back in the card field, the number left there is selected: a scan replaces it.
    const cardField = screen.getByLabelText('회원카드 번호') as HTMLInputElement;
    cardField.focus();
    expect([cardField.selectionStart, cardField.selectionEnd]).toEqual([0, CARD.length]);
    fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('heading', { name: member.name! })).toBeNull());
    fireEvent.keyDown(window, { key: 'F6' });
    await screen.findByRole('heading', { name: '예약 도서' });
    fireEvent.keyDown(window, { key: 'F2' });
    await screen.findByLabelText('회원카드 번호');
    expect(screen.queryByRole('heading', { name: member.name! })).toBeNull();
  });

  it('shows every reason of a refusal, large, with its code', async () => {
    deskRoutes(() => emptyStatus);
    renderAt('/desk');
    await scan('회원카드 번호', CARD);
    await screen.findByRole('heading', { name: member.name! });
    await scan('자료 바코드', 'JYL0000009');
    const alert = await screen.findByRole('alert');
    expect(alert.className).toContain('problem-large');
    expect(alert.textContent).toContain('대출할 수 없습니다');
    expect(alert.textContent).toContain('2026-12-21까지 대출이 정지되었습니다.');
    expect(alert.textContent).toContain('MEMBER_SUSPENDED');
    expect(alert.textContent).toContain('ITEM_ON_LOAN');
  });

  it('a requested copy scanned for a checkout: received first, back to the pickup shelf, sent out, received home or sent on', async () => {
    deskRoutes(() => emptyStatus);
    renderAt('/desk');
    await scan('회원카드 번호', CARD);
    await screen.findByRole('heading', { name: member.name! });
    const advice = async (barcode: string, title: string) => {
      await scan('자료 바코드', barcode);
      await waitFor(() => expect(screen.getByRole('alert').textContent).toContain(title));
      return screen.getByRole('alert').textContent;
    };
    const early = await advice('SEO0000021', '《소년이 온다》');
    expect(early).toContain(
      '상호대차 화면의 ‘이 도서관으로 오는 책’에서 먼저 도착 처리한 뒤, 신청한 회원에게 빌려주세요.',
    );
    expect(early).not.toContain('예약 서가에 돌려두세요');
    const forAnother = await advice('SEO0000022', '《흰》');
    expect(forAnother).toContain('윤*라 님을 위해');
    expect(forAnother).toContain('예약 서가에 돌려두세요. 예약한 회원만 빌릴 수 있습니다.');
    // This library's own copy, lent through a request: to scan out and send, or to receive home.
    const pulled = await advice('JYL0000024', '《채식주의자》');
    expect(pulled).toContain('‘발송할 책’에서 발송 스캔을 하고 보내세요.');
    expect(pulled).not.toContain('예약 서가에 돌려두세요');
    const cameHome = await advice('JYL0000025', '《희랍어 시간》');
    expect(cameHome).toContain('‘돌아오는 우리 책’에서 입고 처리한 뒤 빌려주세요.');
    const astray = await advice('GNL0000023', '《작별하지 않는다》');
    expect(astray).toContain('서가에 두지 말고 위에 적힌 도서관으로 보내세요.');
    expect(astray).not.toContain('바코드를 다시 스캔해 주세요');
    // Another library's copy a member brought to borrow: what to tell the member.
    const brought = await advice('GNL0000030', '《채식주의자》');
    expect(brought).toContain(
      '회원에게는 그 도서관에서 빌리거나, 상호대차를 신청해 이 도서관에서 받을 수 있다고 안내하세요.',
    );
    expect(brought).not.toContain('서가에 두지 말고');
  });

  it('server away: says so without blaming the internet, keeps the barcode, and retries (issue 17)', async () => {
    let away = true;
    const calls = deskRoutes(() => emptyStatus);
    const answer = globalThis.fetch;
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) =>
      away && String(input).includes('/checkouts')
        ? Promise.reject(new TypeError('Failed to fetch'))
        : answer(input, init),
    );
    renderAt('/desk');
    await scan('회원카드 번호', CARD);
    await screen.findByRole('heading', { name: member.name! });
    await scan('자료 바코드', 'JYL0000001');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('서버에 연결할 수 없습니다');
    expect(alert.textContent).not.toContain('인터넷');
    expect((screen.getByLabelText('자료 바코드') as HTMLInputElement).value).toBe('JYL0000001');
    away = false;
    fireEvent.click(within(alert).getByRole('button', { name: '다시 시도' }));
    await screen.findByText(/《나쁜 어린이 표》 대출 완료/);
    expect(calls.filter((c) => c.path === '/api/v1/checkouts')).toHaveLength(1);
  });

  it('a checkout answered "applied, answer lost": the desk shows the loan it made, not a refusal', async () => {
    let lent = false;
    const afterLoan = withLoanHere({
      loanId: 77,
      title: '채식주의자',
      itemBarcode: APPLIED_BARCODE,
      loanDay: '2026-12-15',
      dueDate: '2026-12-29',
    });
    const calls = deskRoutes(() => (lent ? afterLoan : emptyStatus));
    renderAt('/desk');
    await scan('회원카드 번호', CARD);
    await screen.findByRole('heading', { name: member.name! });
    lent = true;
    await scan('자료 바코드', APPLIED_BARCODE);
    await screen.findByText(/《채식주의자》 대출 완료/);
    const receipt = screen.getByRole('region', { name: '책이음 영수증' });
    expect(within(receipt).getByText(APPLIED_BARCODE)).toBeTruthy();
    expect(within(receipt).getByText(/2026년 12월 29일/)).toBeTruthy();
    expect(screen.queryByText(/대출할 수 없습니다/)).toBeNull();
    expect(calls.filter((c) => c.path === '/api/v1/members/42/loans')).toHaveLength(1);
  });

  it('a renewal whose answer was lost: 다시 시도 renews once, under the same key', async () => {
    const withLoan = withLoanHere({
      loanId: 31,
      title: '소년이 온다',
      itemBarcode: 'JYL0000003',
      loanDay: '2026-12-01',
      dueDate: '2026-12-15',
    });
    const loan = withLoan.openLoans[0]!;
    const calls = deskRoutes(
      () => withLoan,
      [
        [
          'POST',
          '/api/v1/renewals',
          {
            body: {
              loan: { ...loan, id: 31, dueDate: '2026-12-29' },
              status: { ...withLoan, openLoans: [{ ...loan, dueDate: '2026-12-29' }] },
            },
          },
        ],
      ],
    );
    dropFirstAnswer('/api/v1/renewals');
    renderAt('/desk');
    await scan('회원카드 번호', CARD);
    fireEvent.click(await screen.findByRole('button', { name: '소년이 온다 연장' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('서버에 연결할 수 없습니다');
    fireEvent.click(within(alert).getByRole('button', { name: '다시 시도' }));
    await screen.findByText(/《소년이 온다》 연장 완료. 새 반납 예정일 2026년 12월 29일/);
    const sent = calls.filter((c) => c.path === '/api/v1/renewals');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.headers['idempotency-key']).toBe(sent[0]!.headers['idempotency-key']);
  });

  it("a refused renewal names its book, clears the last renewal's news and gives the scan field the cursor", async () => {
    const library = { id: 3, nameKo: yonam.nameKo, nameEn: yonam.nameEn, phone: null };
    const loans = [
      { loanId: 31, title: '소년이 온다', itemBarcode: 'JYL0000003', dueDate: '2026-12-15' },
      { loanId: 32, title: '나쁜 어린이 표', itemBarcode: 'JYL0000004', dueDate: '2026-12-16' },
    ].map((loan) => ({ ...loan, library, loanDay: '2026-12-01', overdue: false }));
    const status: CirculationStatus = {
      ...emptyStatus,
      openLoans: loans,
      network: { open: 2, limit: 20, left: 18 },
    };
    deskRoutes(
      () => status,
      [
        [
          'POST',
          '/api/v1/renewals',
          (request) =>
            JSON.stringify(request.body).includes('JYL0000003')
              ? { body: { loan: { ...loans[0]!, id: 31, dueDate: '2026-12-29' }, status } }
              : problem(422, [
                  { code: 'RENEWAL_LIMIT', detail: '연장 가능 횟수를 모두 사용했습니다.' },
                ]),
        ],
      ],
    );
    renderAt('/desk');
    await scan('회원카드 번호', CARD);
    fireEvent.click(await screen.findByRole('button', { name: '소년이 온다 연장' }));
    await screen.findByText(/《소년이 온다》 연장 완료/);
    fireEvent.click(screen.getByRole('button', { name: '나쁜 어린이 표 연장' }));
    expect(await screen.findByText('《나쁜 어린이 표》 연장할 수 없습니다')).toBeTruthy();
    expect(screen.getByText('연장 가능 횟수를 모두 사용했습니다.')).toBeTruthy();
    expect(screen.queryByText(/《소년이 온다》 연장 완료/)).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('자료 바코드')));
  });

  it('a loan that cannot be renewed shows why in its row, with no button to try', async () => {
    const library = { id: 3, nameKo: yonam.nameKo, nameEn: yonam.nameEn, phone: null };
    const loans = [
      { loanId: 31, title: '소년이 온다', itemBarcode: 'JYL0000003', renewable: true },
      {
        loanId: 32,
        title: '나쁜 어린이 표',
        itemBarcode: 'JYL0000004',
        renewable: false,
        renewalRefusals: [
          { code: 'RENEWAL_LIMIT', detail: '연장 가능 횟수를 모두 사용했습니다.' },
          { code: 'RENEWAL_HELD', detail: '다른 회원이 예약한 자료라 연장할 수 없습니다.' },
        ],
      },
    ].map((loan) => ({
      ...loan,
      library,
      loanDay: '2026-12-01',
      dueDate: '2026-12-15',
      overdue: false,
    }));
    deskRoutes(() => ({
      ...emptyStatus,
      openLoans: loans,
      network: { open: 2, limit: 20, left: 18 },
    }));
    renderAt('/desk');
    await scan('회원카드 번호', CARD);
    expect(await screen.findByRole('button', { name: '소년이 온다 연장' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '나쁜 어린이 표 연장' })).toBeNull();
    const row = screen.getByText('나쁜 어린이 표').closest('tr')!;
    // Short, as the portal says it (a suspension's whole refusal, repeated per row, was long).
    expect(row.textContent).toContain(
      '연장 횟수를 모두 썼습니다. 다른 회원이 예약한 자료라 연장할 수 없습니다.',
    );
  });

  it("the member's own loan scanned again (one lent here through a request too): asks to take it back; Esc answers no and keeps the member", async () => {
    const status: CirculationStatus = {
      ...emptyStatus,
      openLoans: [illLoanHere],
      network: { open: 1, limit: 20, left: 19 },
    };
    deskRoutes(
      () => status,
      [
        [
          'POST',
          '/api/v1/checkouts',
          problem(409, [{ code: 'ITEM_ON_LOAN', detail: '이미 대출 중인 자료입니다.' }]),
        ],
      ],
    );
    renderAt('/desk');
    await scan('회원카드 번호', CARD);
    await screen.findByRole('heading', { name: member.name! });
    await scan('자료 바코드', 'JSL0000040');
    expect(
      await screen.findByText(/이 회원이 이미 빌린 자료입니다 — 반납할까요\? 《상호대차로 온 책》/),
    ).toBeTruthy();
    fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByText(/이 회원이 이미 빌린 자료입니다/)).toBeNull());
    expect(screen.getByRole('heading', { name: member.name! })).toBeTruthy();
    expect(screen.queryByText(/회원 화면을 비웠습니다/)).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('자료 바코드')));
    // With no question open, Esc clears the member as before.
    fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('heading', { name: member.name! })).toBeNull());
  });

  it('the same copy scanned twice in a row: lent once and said so, with no question to return it; the requests panel is read again after the loan', async () => {
    const lentLoan = {
      loanId: 1,
      title: '나쁜 어린이 표',
      itemBarcode: 'JYL0000005',
      loanDay: '2026-12-01',
      dueDate: '2026-12-15',
    };
    let lentOnce = false;
    let requestReads = 0;
    deskRoutes(
      () => (lentOnce ? withLoanHere(lentLoan) : emptyStatus),
      [
        [
          'POST',
          '/api/v1/checkouts',
          () => {
            if (lentOnce)
              return problem(409, [{ code: 'ITEM_ON_LOAN', detail: '이미 대출 중인 자료입니다.' }]);
            lentOnce = true;
            return {
              status: 201,
              body: {
                loan: {
                  id: 1,
                  itemBarcode: lentLoan.itemBarcode,
                  title: lentLoan.title,
                  loanDay: lentLoan.loanDay,
                  dueDate: lentLoan.dueDate,
                  library: { id: 3, nameKo: yonam.nameKo, nameEn: yonam.nameEn },
                },
                memberId: 42,
                loansLeft: { network: 19, here: 4 },
                status: withLoanHere(lentLoan),
              },
            };
          },
        ],
        [
          'GET',
          '/api/v1/members/42/requests',
          () => {
            requestReads += 1;
            return { body: { requests: [], elsewhere: [] } };
          },
        ],
      ],
    );
    renderAt('/desk');
    await scan('회원카드 번호', CARD);
    await screen.findByRole('heading', { name: member.name! });
    await waitFor(() => expect(requestReads).toBe(1));
    await scan('자료 바코드', 'JYL0000005');
    // A copy collected through a request leaves the panel: it is read again after each loan.
    await waitFor(() => expect(requestReads).toBe(2));
    await scan('자료 바코드', 'JYL0000005');
    expect(
      await screen.findByText(
        '방금 이 회원에게 빌려 준 자료입니다: 《나쁜 어린이 표》. 같은 책이 두 번 스캔되었습니다.',
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: '반납' })).toBeNull();
    expect(screen.queryByText(/반납할까요/)).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('자료 바코드')));
    // No question is open: Esc closes the member, as after any other answer.
    fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('heading', { name: member.name! })).toBeNull());
  });

  it('offers the renewal of an inter-library loan lent here, and says so', async () => {
    deskRoutes(() => ({
      ...emptyStatus,
      openLoans: [illLoanHere, { library: seobu, dueDate: '2026-12-20', overdue: false }],
      network: { open: 2, limit: 20, left: 18 },
    }));
    renderAt('/desk');
    await scan('회원카드 번호', CARD);
    const row = (await screen.findByText('상호대차로 온 책')).closest('tr')!;
    expect(
      within(row).getByText('진주시립연암도서관에서 상호대차로 빌려준 책: 여기서 반납·연장합니다.'),
    ).toBeTruthy();
    expect(within(row).getByRole('button', { name: '상호대차로 온 책 연장' })).toBeTruthy();
    // The lender's other loan: library and due date only, nothing to renew here.
    expect(screen.getAllByRole('button', { name: /연장$/ })).toHaveLength(1);
  });

  it('refuses a mistyped card number with the API sentence', async () => {
    deskRoutes(() => emptyStatus);
    renderAt('/desk');
    await scan('회원카드 번호', '29806032227223');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('카드 번호가 올바르지 않습니다');
    expect(alert.textContent).toContain('CARD_NUMBER_INVALID');
    expect(screen.queryByRole('heading', { name: member.name! })).toBeNull();
  });

  it('shows the network status: loans elsewhere by library and due date only, and the suspension', async () => {
    deskRoutes(() => ({
      ...emptyStatus,
      openLoans: [
        {
          library: {
            id: 7,
            nameKo: '통영시립도서관',
            nameEn: 'Tongyeong City Library',
            phone: null,
          },
          dueDate: '2026-12-10',
          overdue: true,
        },
      ],
      overdueCount: 1,
      suspension: {
        until: '2026-12-21',
        resumesOn: '2026-12-22',
        cause: {
          library: { id: 7, nameKo: '통영시립도서관', nameEn: 'Tongyeong City Library' },
          daysLate: 4,
          returnDay: '2026-12-18',
        },
      },
      network: { open: 1, limit: 20, left: 19 },
    }));
    renderAt('/desk');
    await scan('회원카드 번호', CARD);
    await screen.findByText('대출 정지: 2026년 12월 21일 (월)까지');
    expect(screen.getByText(/통영시립도서관에 4일 늦게 반납한 자료 때문입니다/)).toBeTruthy();
    expect(screen.getByText('다른 도서관 자료')).toBeTruthy();
    // Each cell carries its column's heading: on a phone the rows stack as labelled cards.
    const row = screen.getByText('다른 도서관 자료').closest('tr')!;
    expect([...row.querySelectorAll('td')].map((td) => td.dataset.label ?? '')).toEqual([
      '도서관',
      '자료',
      '반납 예정일',
      '',
    ]);
    expect(screen.getByText(/연체된 자료가 1권 있어/)).toBeTruthy();
  });

  it('an old card replaced by a new one: said at once, no quota promised, and the next scan replaces its number', async () => {
    const OLD = '29000000000015';
    const oldCard = { ...member.card!, number: OLD, status: 'replaced' as const };
    mockApi([
      ['GET', '/api/v1/staff/me', { body: deskStaff }],
      ['GET', '/api/v1/libraries/3', { body: { library: yonam, holidays: [] } }],
      [
        'GET',
        `/api/v1/cards/${OLD}`,
        { body: { card: oldCard, member: { ...member, card: oldCard }, status: emptyStatus } },
      ],
      ['GET', '/api/v1/members/42/requests', { body: { requests: [], elsewhere: [] } }],
    ]);
    renderAt('/desk');
    await scan('회원카드 번호', OLD);
    await screen.findByRole('heading', { name: member.name! });
    const notice = document.querySelector('.replaced-card[role="alert"]')!;
    expect(notice.textContent).toContain(
      '재발급으로 폐기된 카드입니다. 이 카드로는 빌릴 수 없습니다.',
    );
    expect(notice.textContent).toContain('회원의 새 카드로 다시 스캔하세요.');
    expect(screen.queryByText(/회원을 열었습니다/)).toBeNull();
    expect(screen.getByText(/폐기된 카드로는 빌릴 수 없습니다/)).toBeTruthy();
    expect(screen.queryByText(/더 빌릴 수 있습니다/)).toBeNull();
    expect(screen.queryByLabelText('자료 바코드')).toBeNull();
    const cardField = screen.getByLabelText('회원카드 번호') as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(cardField));
    expect([cardField.selectionStart, cardField.selectionEnd]).toEqual([0, OLD.length]);
  });

  it('a lost card: no invitation to scan it again, the steps to a new card, and the new card at once (issue 17)', async () => {
    const LOST = '29000000000015';
    const NEW = '29000000000049';
    const lostCard = {
      ...member.card!,
      number: LOST,
      status: 'lost' as const,
      lostAt: '2026-12-01T02:00:00.000Z',
    };
    const newCard = { ...member.card!, number: NEW };
    let reissued = false;
    const calls = mockApi([
      ['GET', '/api/v1/staff/me', { body: deskStaff }],
      ['GET', '/api/v1/libraries/3', { body: { library: yonam, holidays: [] } }],
      [
        'GET',
        `/api/v1/cards/${LOST}`,
        () => ({
          body: {
            card: lostCard,
            member: { ...member, card: reissued ? newCard : lostCard },
            status: emptyStatus,
          },
        }),
      ],
      [
        'GET',
        `/api/v1/cards/${NEW}`,
        { body: { card: newCard, member: { ...member, card: newCard }, status: emptyStatus } },
      ],
      [
        'POST',
        '/api/v1/members/42/cards',
        () => {
          reissued = true;
          return { status: 201, body: newCard };
        },
      ],
    ]);
    renderAt('/desk');
    await scan('회원카드 번호', LOST);
    const lost = await screen.findByText('분실 신고된 카드입니다. 이 카드로는 빌릴 수 없습니다.');
    const notice = lost.closest('.notice') as HTMLElement;
    expect(notice.textContent).toContain('다시 스캔해도 쓸 수 없습니다');
    expect(notice.textContent).toContain('신분증(주민등록증, 운전면허증 등)을 받아');
    // The dead number is not left in the card field, and the cursor waits at the ID check.
    expect((screen.getByLabelText('회원카드 번호') as HTMLInputElement).value).toBe('');
    await waitFor(() => expect(document.activeElement?.id).toBe('reissue-id'));
    expect(document.querySelector('.member-panel del')?.textContent).toBe('2900 0000 0000 15');
    // No quota is promised on a lost card, and no item field invites a scan.
    expect(screen.getByText(/분실된 카드로는 빌릴 수 없습니다/)).toBeTruthy();
    expect(screen.queryByText(/더 빌릴 수 있습니다/)).toBeNull();
    expect(screen.queryByLabelText('자료 바코드')).toBeNull();

    fireEvent.change(within(notice).getByLabelText('확인한 신분증'), {
      target: { value: 'driver_license' },
    });
    fireEvent.click(within(notice).getByRole('button', { name: '새 카드 발급' }));
    const title = await screen.findByText('새 카드를 발급했습니다');
    const shown = title.closest('.new-card') as HTMLElement;
    expect(shown.textContent).toContain('2900 0000 0000 49');
    expect((screen.getByLabelText('회원카드 번호') as HTMLInputElement).value).toBe(NEW);
    expect(screen.queryByText('분실 신고된 카드입니다. 이 카드로는 빌릴 수 없습니다.')).toBeNull();
    expect(await screen.findByLabelText('자료 바코드')).toBeTruthy();
    expect(
      calls.find((c) => c.method === 'POST' && c.path === '/api/v1/members/42/cards')?.body,
    ).toEqual({ idDocumentType: 'driver_license' });
    // No reload: the new card was fetched once, right after the reissue.
    expect(calls.filter((c) => c.path === `/api/v1/cards/${NEW}`)).toHaveLength(1);
  });

  it('asks for the staff sign-in when the session has ended', async () => {
    mockApi([
      [
        'GET',
        '/api/v1/staff/me',
        problem(401, [{ code: 'UNAUTHENTICATED', detail: '로그인이 필요합니다.' }]),
      ],
    ]);
    renderAt('/desk');
    expect(await screen.findByRole('heading', { name: '안내데스크 로그인' })).toBeTruthy();
    // The page opened first thing in the morning (or after a timeout) has the cursor in the field.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('아이디')));
  });
  it('items scanned faster than their answers are lent in order, whole; those waiting when the next member opens are not lent to them', async () => {
    setCsrfToken('csrf-1');
    const NEXT_CARD = '29806032227231';
    const next = {
      ...member,
      id: 43,
      name: '박서준',
      card: { ...member.card!, number: NEXT_CARD },
    };
    const calls = deskRoutes(
      () => emptyStatus,
      [
        [
          'GET',
          `/api/v1/cards/${NEXT_CARD}`,
          { body: { card: next.card, member: next, status: emptyStatus } },
        ],
      ],
    );
    const answers = holdAnswers('/api/v1/checkouts');
    const lent = () =>
      calls
        .filter((c) => c.path === '/api/v1/checkouts')
        .map((c) => (c.body as { itemBarcode: string }).itemBarcode);
    renderAt('/desk');
    await scan('회원카드 번호', CARD);
    await screen.findByRole('heading', { name: member.name! });
    await scan('자료 바코드', 'JYL0000001');
    await scan('자료 바코드', 'JYL0000002');
    expect((screen.getByLabelText('자료 바코드') as HTMLInputElement).value).toBe('');
    await waitFor(() => expect(lent()).toEqual(['JYL0000001']));
    await answers.release();
    await waitFor(() => expect(lent()).toEqual(['JYL0000001', 'JYL0000002']));
    await answers.release();
    await screen.findByText(/《나쁜 어린이 표》 대출 완료/);

    await scan('자료 바코드', 'JYL0000003');
    await scan('자료 바코드', 'JYL0000004');
    expect(screen.getByText('다음 스캔 1건이 기다립니다: JYL0000004')).toBeTruthy();
    await scan('회원카드 번호', NEXT_CARD);
    await screen.findByRole('heading', { name: '박서준' });
    expect(screen.queryByText(/기다립니다/)).toBeNull();
    await answers.release();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: '대출' }).getAttribute('aria-busy')).toBe('false'),
    );
    await new Promise((settled) => setTimeout(settled, 0));
    expect(lent()).toEqual(['JYL0000001', 'JYL0000002', 'JYL0000003']);
  });
});

describe('desk: returns need no card', () => {
  resetBetweenTests();

  it('an overdue book the member hands over for a checkout: no promise to lend it again, and the receipt says the suspension', async () => {
    setCsrfToken('csrf-1');
    const overdue = withLoanHere({
      loanId: 5,
      title: '밝은 밤',
      itemBarcode: 'JYL0000030',
      loanDay: '2026-11-20',
      dueDate: '2026-12-04',
    });
    const before: CirculationStatus = {
      ...overdue,
      openLoans: overdue.openLoans.map((loan) => ({ ...loan, overdue: true })),
      overdueCount: 1,
      standing: { ...overdue.standing, mayBorrow: false },
    };
    const after: CirculationStatus = {
      ...emptyStatus,
      suspension: {
        until: '2026-12-26',
        resumesOn: '2026-12-27',
        cause: {
          library: { id: 3, nameKo: yonam.nameKo, nameEn: yonam.nameEn },
          daysLate: 11,
          returnDay: '2026-12-15',
          title: '밝은 밤',
        },
      },
      standing: {
        ...emptyStatus.standing,
        mayBorrow: false,
        refusals: [{ code: 'MEMBER_SUSPENDED', detail: '2026-12-26까지 대출이 정지되었습니다.' }],
      },
      byLibrary: [
        {
          library: { id: 3, nameKo: yonam.nameKo, nameEn: yonam.nameEn },
          open: 0,
          limit: 5,
          left: 5,
          onlineRenewal: true,
          maxRenewals: 1,
        },
      ],
    };
    let returned = false;
    deskRoutes(
      () => (returned ? after : before),
      [
        [
          'POST',
          '/api/v1/checkouts',
          problem(409, [{ code: 'ITEM_ON_LOAN', detail: '이미 대출 중인 자료입니다.' }]),
        ],
        [
          'POST',
          '/api/v1/returns',
          () => {
            returned = true;
            return {
              body: {
                loan: {
                  id: 5,
                  itemBarcode: 'JYL0000030',
                  title: '밝은 밤',
                  dueDate: '2026-12-04',
                  returnDay: '2026-12-15',
                  daysLate: 11,
                },
                library: { id: 3, nameKo: yonam.nameKo, nameEn: yonam.nameEn },
                suspension: { until: '2026-12-26', resumesOn: '2026-12-27' },
              },
            };
          },
        ],
      ],
    );
    renderAt('/desk');
    await scan('회원카드 번호', CARD);
    await screen.findByRole('heading', { name: member.name! });
    await scan('자료 바코드', 'JYL0000030');
    expect(
      await screen.findByText(
        '반납 예정일(2026년 12월 4일 (금))이 지났습니다. 반납하면 늦은 날수만큼 대출이 정지되어 다시 빌려 줄 수 없습니다.',
      ),
    ).toBeTruthy();
    expect(screen.queryByText(/반납하면 바로 다시 빌려 줄 수 있습니다/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '반납' }));
    const receipt = await screen.findByRole('region', { name: '책이음 영수증' });
    expect(
      await within(receipt).findByText(
        '대출 정지: 2026년 12월 26일 (토)까지. 2026년 12월 27일 (일)부터 다시 빌릴 수 있습니다.',
      ),
    ).toBeTruthy();
    expect(within(receipt).queryByText(/더 빌릴 수 있는 책/)).toBeNull();
    // The quota does not give a limit as the reason: the suspension, said above, is.
    const network = screen.getByRole('region', { name: '전체 도서관 이용 현황' });
    expect(
      within(network).getByText('지금은 이 회원에게 빌려 줄 수 없습니다. 이유는 위에 있습니다.'),
    ).toBeTruthy();
  });

  it('returns an item late and says until when the member is suspended', async () => {
    returnRoutes();
    renderAt('/desk/returns');
    await scan('반납할 자료 바코드', 'JYL0000001');
    expect(await screen.findByText(/《밝은 밤》 반납 완료. 4일 늦었습니다./)).toBeTruthy();
    expect(
      screen.getByText(/2026년 12월 21일 \(월\)까지 모든 도서관에서 대출이 정지됩니다/),
    ).toBeTruthy();
    await waitFor(() => expect(screen.getAllByText('4일 연체').length).toBeGreaterThan(0));
  });

  it('scans faster than their answers: each sent whole, in order, one at a time; a refusal holds the rest until staff go on', async () => {
    setCsrfToken('csrf-1');
    const calls = mockApi([
      ['GET', '/api/v1/staff/me', { body: deskStaff }],
      ['GET', '/api/v1/libraries/3', { body: { library: yonam, holidays: [] } }],
      [
        'POST',
        '/api/v1/returns',
        (request) => {
          const { itemBarcode } = request.body as { itemBarcode: string };
          if (itemBarcode === 'JYL0000002') {
            return problem(404, [
              { code: 'ITEM_UNKNOWN', detail: '이 도서관에 등록되지 않은 자료입니다.' },
            ]);
          }
          return {
            body: {
              loan: {
                id: 9,
                itemBarcode,
                title: `책 ${itemBarcode}`,
                dueDate: '2026-12-20',
                returnDay: '2026-12-18',
                daysLate: 0,
              },
              library: { id: 3, nameKo: yonam.nameKo, nameEn: yonam.nameEn },
            },
          };
        },
      ],
    ]);
    const answers = holdAnswers('/api/v1/returns');
    const sent = () =>
      calls
        .filter((c) => c.path === '/api/v1/returns')
        .map((c) => (c.body as { itemBarcode: string }).itemBarcode);
    renderAt('/desk/returns');
    const field = (await screen.findByLabelText('반납할 자료 바코드')) as HTMLInputElement;
    for (const barcode of ['JYL0000001', 'JYL0000002', 'JYL0000003']) {
      await scan('반납할 자료 바코드', barcode);
      // Out of the field at once: the next scan types into an empty field.
      expect(field.value).toBe('');
    }
    expect(screen.getByText('다음 스캔 2건이 기다립니다: JYL0000002, JYL0000003')).toBeTruthy();
    await waitFor(() => expect(sent()).toEqual(['JYL0000001']));
    await answers.release();
    expect(await screen.findByText('반납한 자료 1권')).toBeTruthy();
    await waitFor(() => expect(sent()).toEqual(['JYL0000001', 'JYL0000002']));
    await answers.release();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('이 도서관에 등록되지 않은 자료입니다');
    // The refusal is read before the next scan goes: it waits, and so does staff's choice.
    expect(await screen.findByText('다음 스캔 1건이 기다립니다: JYL0000003')).toBeTruthy();
    expect(sent()).toEqual(['JYL0000001', 'JYL0000002']);
    fireEvent.click(screen.getByRole('button', { name: '이어서 처리' }));
    await waitFor(() => expect(sent()).toEqual(['JYL0000001', 'JYL0000002', 'JYL0000003']));
    await answers.release();
    expect(await screen.findByText('《책 JYL0000003》 반납 완료.')).toBeTruthy();
    expect(screen.getByText('반납한 자료 2권')).toBeTruthy();
    expect(screen.queryByText(/기다립니다/)).toBeNull();
  });

  it('a barcode with small letters refused as unknown: staff are told to check Caps Lock', async () => {
    const calls = mockApi([
      ['GET', '/api/v1/staff/me', { body: deskStaff }],
      ['GET', '/api/v1/libraries/3', { body: { library: yonam, holidays: [] } }],
      [
        'POST',
        '/api/v1/returns',
        problem(404, [{ code: 'ITEM_UNKNOWN', detail: '이 도서관에 등록되지 않은 자료입니다.' }]),
      ],
    ]);
    renderAt('/desk/returns');
    await scan('반납할 자료 바코드', 'jyl0000001');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      '스캔한 바코드 jyl0000001에 영문 소문자가 있습니다. Caps Lock이 켜져 있지 않은지 확인하고 다시 스캔하세요.',
    );
    await scan('반납할 자료 바코드', 'JYL0000099');
    // The second refusal (capitals): the same sentence, no hint.
    await waitFor(() => expect(calls.filter((c) => c.path === '/api/v1/returns')).toHaveLength(2));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain(
        '이 도서관에 등록되지 않은 자료입니다.',
      ),
    );
    expect(screen.queryByText(/Caps Lock/)).toBeNull();
  });

  it('says in English how many days late, in words, not "day(s)"', async () => {
    await i18n.changeLanguage('en');
    try {
      returnRoutes();
      renderAt('/desk/returns');
      await scan('Barcode of the item to return', 'JYL0000001');
      expect(await screen.findByText('“밝은 밤” returned, 4 days late.')).toBeTruthy();
    } finally {
      await i18n.changeLanguage('ko');
    }
  });

  it('a return whose answer was lost: 다시 시도 sends it again under the same key', async () => {
    const calls = returnRoutes();
    dropFirstAnswer('/api/v1/returns');
    renderAt('/desk/returns');
    await scan('반납할 자료 바코드', 'JYL0000001');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('서버에 연결할 수 없습니다');
    fireEvent.click(within(alert).getByRole('button', { name: '다시 시도' }));
    expect(await screen.findByText(/《밝은 밤》 반납 완료/)).toBeTruthy();
    const sent = calls.filter((c) => c.path === '/api/v1/returns');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.headers['idempotency-key']).toBe(sent[0]!.headers['idempotency-key']);
  });

  it('a copy scanned again after its return, or a requested copy not lent: to the hold shelf, the shelves, its own library or to be received, as the answer says', async () => {
    const seobu = { pickupLibrary: '진주시립서부도서관', pickupLibraryEn: 'Jinju Seobu Library' };
    // The server's refusal for each barcode scanned: its params and its sentence (and its code
    // when it is not ITEM_NOT_ON_LOAN).
    const refusals: Record<string, [Record<string, string | number>, string, string?]> = {
      JYL0000002: [
        { returnedOn: '2026-12-18', title: '밝은 밤', heldFor: '홍*동', pickupUntil: '2026-12-22' },
        '오늘 이미 반납된 자료입니다: 《밝은 밤》. 예약한 홍*동 님을 위해 2026년 12월 22일 (화)까지 보관합니다.',
      ],
      JYL0000003: [
        { returnedOn: '2026-12-18', title: '흰' },
        '오늘 이미 반납된 자료입니다: 《흰》.',
      ],
      JYL0000011: [
        { title: '서가로 갈 책', putBack: 'cancelled' },
        '예약이 취소되어 서가로 돌려놓을 자료입니다: 《서가로 갈 책》. ‘서가로 돌려놓을 책’ 목록에서 뺐습니다.',
      ],
      JYL0000010: [
        { title: '바람이 분다', heldFor: '김*준', pickupUntil: '2026-12-21' },
        '예약 도서 서가의 자료입니다: 《바람이 분다》. 예약한 김*준 님을 위해 2026년 12월 21일 (월)까지 보관합니다.',
      ],
      SEO0000004: [
        {
          returnedOn: '2026-12-18',
          title: '작은 것들',
          sendTo: '진주시립서부도서관',
          sendToEn: 'Jinju Seobu Library',
        },
        '오늘 이미 반납된 자료입니다: 《작은 것들》. 상호대차 자료이니 진주시립서부도서관으로 보내 주세요.',
      ],
      SEO0000005: [
        { requestState: 'sent', title: '소년이 온다' },
        '아직 도착 처리하지 않은 상호대차 자료입니다: 《소년이 온다》.',
      ],
      JYL0000006: [
        { requestState: 'requested', title: '채식주의자', ...seobu },
        '상호대차 신청된 자료입니다: 《채식주의자》. 발송 스캔을 하고 진주시립서부도서관으로 보내 주세요.',
      ],
      JYL0000007: [
        { requestState: 'returning', title: '희랍어 시간' },
        '돌아온 상호대차 자료입니다: 《희랍어 시간》. 입고 처리하면 다시 서가의 책이 됩니다.',
      ],
      JYL0000008: [
        { requestState: 'sent', title: '노랑무늬영원', ...seobu },
        '발송 처리된 상호대차 자료입니다: 《노랑무늬영원》. 진주시립서부도서관으로 보내 주세요.',
      ],
      GNL0000009: [
        ASTRAY_TO_SEOBU,
        '이 도서관의 자료가 아닙니다: 경남대표도서관의 상호대차 자료 《작별하지 않는다》입니다. 진주시립서부도서관으로 보내 주세요.',
        'ITEM_UNKNOWN',
      ],
    };
    mockApi([
      ['GET', '/api/v1/staff/me', { body: deskStaff }],
      ['GET', '/api/v1/libraries/3', { body: { library: yonam, holidays: [] } }],
      [
        'POST',
        '/api/v1/returns',
        (request) => {
          const barcode = (request.body as { itemBarcode: string }).itemBarcode;
          const [params, detail, code = 'ITEM_NOT_ON_LOAN'] = refusals[barcode]!;
          return problem(code === 'ITEM_UNKNOWN' ? 404 : 409, [{ code, detail, params }]);
        },
      ],
    ]);
    renderAt('/desk/returns');
    await scan('반납할 자료 바코드', 'JYL0000002');
    const held = await screen.findByRole('alert');
    expect(held.textContent).toContain('홍*동 님을 위해');
    expect(held.textContent).toContain('예약 도서 서가에 두세요. 서가로 돌려보내지 마세요.');
    expect(held.textContent).not.toContain('서가로 돌려보내면 됩니다');
    // Set aside on an earlier day and found out of place: back to the hold shelf.
    await scan('반납할 자료 바코드', 'JYL0000010');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('《바람이 분다》'));
    expect(screen.getByRole('alert').textContent).toContain(
      '예약 도서 서가에 두세요. 서가로 돌려보내지 마세요.',
    );
    // Returned earlier today with nowhere to go (a double read): news, not a refusal.
    await scan('반납할 자료 바코드', 'JYL0000003');
    await waitFor(() =>
      expect(document.querySelector('.returned-again')?.textContent).toBe(
        '오늘 이미 반납된 자료입니다: 《흰》. 다시 스캔하지 않아도 됩니다. 서가로 돌려보내면 됩니다.',
      ),
    );
    // Said once, in a live region: not again in the page's announcement.
    const again = screen.getAllByText(/오늘 이미 반납된 자료입니다: 《흰》/);
    expect(again).toHaveLength(1);
    expect(again[0]!.closest('[role="status"]')).not.toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    // A copy whose hold ended with nobody next (off the put-back list now): onto the shelf.
    await scan('반납할 자료 바코드', 'JYL0000011');
    await waitFor(() =>
      expect(document.querySelector('.put-back-news')?.textContent).toBe(
        '예약이 취소되어 서가로 돌려놓을 자료입니다: 《서가로 갈 책》. ‘서가로 돌려놓을 책’ 목록에서 뺐습니다. 서가에 꽂으면 됩니다.',
      ),
    );
    expect(document.querySelector('.returned-again')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    // Another library's copy, lent here through a request: it goes home, not on the shelf.
    await scan('반납할 자료 바코드', 'SEO0000004');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('《작은 것들》'));
    expect(screen.getByRole('alert').textContent).toContain(
      '서가에 두지 말고 소장 도서관으로 보내세요.',
    );
    expect(screen.getByRole('alert').textContent).not.toContain('서가로 돌려보내면 됩니다');
    // A requested copy on its way here, not yet received: received first, where that is done.
    await scan('반납할 자료 바코드', 'SEO0000005');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('《소년이 온다》'));
    expect(screen.getByRole('alert').textContent).toContain(
      '서가에 두지 말고 상호대차 화면의 ‘이 도서관으로 오는 책’에서 먼저 도착 처리하세요.',
    );
    expect(screen.getByRole('alert').textContent).not.toContain('서가로 돌려보내면 됩니다');
    // This library's copy lent through a request: on the pull list, or back home to receive.
    await scan('반납할 자료 바코드', 'JYL0000006');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('《채식주의자》'));
    expect(screen.getByRole('alert').textContent).toContain(
      '상호대차 화면의 ‘발송할 책’에서 발송 스캔을 하고 보내세요.',
    );
    await scan('반납할 자료 바코드', 'JYL0000008');
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('《노랑무늬영원》'),
    );
    expect(screen.getByRole('alert').textContent).toContain(
      '서가에 두지 말고 받을 도서관으로 보내세요.',
    );
    expect(screen.getByRole('alert').textContent).not.toContain('도착 처리하세요');
    await scan('반납할 자료 바코드', 'JYL0000007');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('《희랍어 시간》'));
    expect(screen.getByRole('alert').textContent).toContain(
      '서가에 두기 전에 상호대차 화면의 ‘돌아오는 우리 책’에서 입고 처리하세요.',
    );
    expect(screen.getByRole('alert').textContent).not.toContain('서가로 돌려보내면 됩니다');
    // Another library's requested copy left here by the courier: sent on, not scanned again.
    await scan('반납할 자료 바코드', 'GNL0000009');
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('《작별하지 않는다》'),
    );
    expect(screen.getByRole('alert').textContent).toContain(
      '서가에 두지 말고 위에 적힌 도서관으로 보내세요.',
    );
    expect(screen.getByRole('alert').textContent).not.toContain('바코드를 다시 스캔해 주세요');
  });
});

function returnRoutes() {
  return mockApi([
    ['GET', '/api/v1/staff/me', { body: deskStaff }],
    ['GET', '/api/v1/libraries/3', { body: { library: yonam, holidays: [] } }],
    [
      'POST',
      '/api/v1/returns',
      {
        body: {
          loan: {
            id: 9,
            itemBarcode: 'JYL0000001',
            title: '밝은 밤',
            dueDate: '2026-12-14',
            returnDay: '2026-12-18',
            daysLate: 4,
          },
          library: { id: 3, nameKo: yonam.nameKo, nameEn: yonam.nameEn },
          suspension: { until: '2026-12-21', resumesOn: '2026-12-22' },
        },
      },
    ],
  ]);
}
