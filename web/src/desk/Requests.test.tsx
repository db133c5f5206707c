// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { InterLibraryRequest } from '../api/types';
import { mockApi, problem, type Routes } from '../test/api-mock';
import { deskStaff, yonam } from '../test/fixtures';
import { renderAt, resetBetweenTests } from '../test/render';

const here = { id: 3, nameKo: '진주시립연암도서관', nameEn: 'Jinju Yonam Library' };
const seobu = { id: 2, nameKo: '진주시립서부도서관', nameEn: 'Jinju Seobu Library' };
const tongyeong = { id: 7, nameKo: '통영시립도서관', nameEn: 'Tongyeong City Library' };

function request(
  id: number,
  state: InterLibraryRequest['state'],
  fields: Partial<InterLibraryRequest>,
): InterLibraryRequest {
  return {
    id,
    recordId: 100 + id,
    title: `상호대차 ${id}`,
    author: '작가',
    status: 'requested',
    state,
    outcome: null,
    pickupLibrary: here,
    lendingLibrary: seobu,
    itemBarcode: `ILL-${id}`,
    callNumber: '813.7',
    requestDay: '2026-12-01',
    sendBy: null,
    pickupBy: null,
    dueDate: null,
    ...fields,
  };
}

/** This library's lists: its own copies lent to Tongyeong and Seobu, and Seobu's lent here. */
const LISTS = {
  pull: [
    request(1, 'requested', {
      pickupLibrary: tongyeong,
      lendingLibrary: here,
      sendBy: '2026-12-03',
    }),
  ],
  incoming: [
    request(2, 'sent', {}),
    // Cancelled while it travels here: still expected, and said to be going home.
    { ...request(6, 'returning', {}), status: 'cancelled' },
  ],
  ready: [request(3, 'arrived', { pickupBy: '2026-12-05', heldFor: '한*람' })],
  'outgoing-home': [request(4, 'returning', {})],
  'incoming-home': [request(5, 'returning', { pickupLibrary: tongyeong, lendingLibrary: here })],
  // Our copies at other libraries: travelling, waiting, lent, cancelled on the way.
  away: [
    request(7, 'sent', { pickupLibrary: tongyeong, lendingLibrary: here }),
    request(8, 'arrived', {
      pickupLibrary: tongyeong,
      lendingLibrary: here,
      pickupBy: '2026-12-05',
    }),
    request(9, 'collected', { pickupLibrary: seobu, lendingLibrary: here, dueDate: '2026-12-15' }),
    {
      ...request(10, 'returning', { pickupLibrary: seobu, lendingLibrary: here }),
      status: 'cancelled',
    },
  ],
};

/** A list's table: its header row and its one copy's row, as the desk reads them. */
function table(caption: string) {
  const rows = within(screen.getByRole('table', { name: caption })).getAllByRole('row');
  const text = (row: HTMLElement | undefined, role: 'columnheader' | 'cell') =>
    within(row!)
      .getAllByRole(role)
      .map((cell) => cell.textContent);
  return { headers: text(rows[0], 'columnheader'), copy: text(rows[1], 'cell') };
}

describe('desk: inter-library request lists', () => {
  resetBetweenTests();

  it('shows beside each copy the other library that matters to that list, and its deadline', async () => {
    mockApi([
      ['GET', '/api/v1/staff/me', { body: deskStaff }],
      ['GET', '/api/v1/libraries/3', { body: { library: yonam, holidays: [] } }],
      ...Object.entries(LISTS).map(([list, requests]): Routes[number] => [
        'GET',
        `/api/v1/requests/lists/${list}`,
        { body: { requests } },
      ]),
    ]);
    renderAt('/desk/requests');
    await screen.findByText('상호대차 5');
    const fixed = ['등록번호', '청구기호', '서명'];
    // To send: where it goes, and by when.
    expect(table('발송할 책')).toEqual({
      headers: [...fixed, '받을 도서관', '발송 기한'],
      copy: ['ILL-1', '813.7', '상호대차 1', '통영시립도서관', '2026년 12월 3일 (목)'],
    });
    // On its way here: who sends it (not this library, the pickup library of every copy here).
    expect(table('이 도서관으로 오는 책')).toEqual({
      headers: [...fixed, '보내는 도서관'],
      copy: ['ILL-2', '813.7', '상호대차 2', '진주시립서부도서관'],
    });
    const cancelled = within(screen.getByRole('table', { name: '이 도서관으로 오는 책' }))
      .getAllByRole('row')
      .at(-1)!;
    expect(cancelled.textContent).toContain(
      '상호대차 6신청 취소됨: 도착하면 도착 처리하고 소장 도서관으로 돌려보내세요',
    );
    // On the pickup shelf: for whom (masked, as on the hold shelf), whose copy it is, and until
    // when it is kept.
    expect(table('찾아갈 책')).toEqual({
      headers: [...fixed, '신청 회원', '소장 도서관', '찾아갈 기한'],
      copy: ['ILL-3', '813.7', '상호대차 3', '한*람', '진주시립서부도서관', '2026년 12월 5일 (토)'],
    });
    // To send home: its library.
    expect(table('소장 도서관으로 돌려보낼 책')).toEqual({
      headers: [...fixed, '소장 도서관'],
      copy: ['ILL-4', '813.7', '상호대차 4', '진주시립서부도서관'],
    });
    // Our copy coming home: from where (not this library, the home of every copy here).
    expect(table('돌아오는 우리 책')).toEqual({
      headers: [...fixed, '돌려보내는 도서관'],
      copy: ['ILL-5', '813.7', '상호대차 5', '통영시립도서관'],
    });
    // Our copies away: where each is, and what it is doing there.
    const away = within(screen.getByRole('table', { name: '다른 도서관에 가 있는 우리 책' }))
      .getAllByRole('row')
      .map((row) => Array.from(row.children, (cell) => cell.textContent));
    expect(away).toEqual([
      [...fixed, '가 있는 도서관', '지금'],
      ['ILL-7', '813.7', '상호대차 7', '통영시립도서관', '가는 중'],
      [
        'ILL-8',
        '813.7',
        '상호대차 8',
        '통영시립도서관',
        '도착, 회원을 기다림 (2026년 12월 5일 (토)까지)',
      ],
      [
        'ILL-9',
        '813.7',
        '상호대차 9',
        '진주시립서부도서관',
        '대출 중 (반납 예정일 2026년 12월 15일 (화))',
      ],
      ['ILL-10', '813.7', '상호대차 10', '진주시립서부도서관', '신청 취소됨: 도착하면 돌려보냄'],
    ]);
  });

  it('a copy received: said once, where it goes, and on the pickup shelf list at once; a refused scan is selected for the next', async () => {
    let received = false;
    const arrived = request(2, 'arrived', { pickupBy: '2026-12-08', heldFor: '한*람' });
    mockApi([
      ['GET', '/api/v1/staff/me', { body: deskStaff }],
      ['GET', '/api/v1/libraries/3', { body: { library: yonam, holidays: [] } }],
      [
        'POST',
        '/api/v1/requests/received',
        (call) => {
          if ((call.body as { itemBarcode: string }).itemBarcode !== 'ILL-2') {
            return problem(404, [
              { code: 'ITEM_UNKNOWN', detail: '이 도서관에 등록되지 않은 자료입니다.' },
            ]);
          }
          received = true;
          return { body: { request: arrived, transit: null } };
        },
      ],
      ...Object.entries(LISTS).map(([list, requests]): Routes[number] => [
        'GET',
        `/api/v1/requests/lists/${list}`,
        () => ({
          body: {
            requests:
              list === 'incoming' && received
                ? []
                : list === 'ready' && received
                  ? [...requests, arrived]
                  : requests,
          },
        }),
      ]),
    ]);
    renderAt('/desk/requests');
    const field = (await screen.findByLabelText('도착한 책 바코드')) as HTMLInputElement;
    fireEvent.change(field, { target: { value: 'XYZ123' } });
    fireEvent.submit(field.closest('form')!);
    expect(await screen.findByText(/이 도서관에 등록되지 않은 자료입니다/)).toBeTruthy();
    await waitFor(() => expect([field.selectionStart, field.selectionEnd]).toEqual([0, 6]));

    fireEvent.change(field, { target: { value: 'ILL-2' } });
    fireEvent.submit(field.closest('form')!);
    const said = '《상호대차 2》 도착 처리했습니다. 예약 서가에 두세요.';
    expect(await screen.findByText(said)).toBeTruthy();
    expect(screen.getAllByText(said)).toHaveLength(1);
    // The pickup shelf's list shows it without a reload of the page.
    await waitFor(() =>
      expect(
        within(screen.getByRole('table', { name: '찾아갈 책' })).getAllByRole('row'),
      ).toHaveLength(3),
    );
    expect(screen.getByRole('heading', { name: '찾아갈 책 (2)' })).toBeTruthy();
  });
});

describe('desk: the hold shelf page', () => {
  resetBetweenTests();

  it('lists the requested copies waiting for their members beside the holds: the whole pickup shelf', async () => {
    mockApi([
      ['GET', '/api/v1/staff/me', { body: deskStaff }],
      ['GET', '/api/v1/libraries/3', { body: { library: yonam, holidays: [] } }],
      ['GET', '/api/v1/hold-shelf', { body: { holds: [], putBack: [] } }],
      ['GET', '/api/v1/requests/lists/ready', { body: { requests: LISTS.ready } }],
    ]);
    renderAt('/desk/holds');
    expect(await screen.findByText('보관 중인 예약 도서가 없습니다.')).toBeTruthy();
    expect(await screen.findByText('회원을 기다리는 상호대차 자료 1권')).toBeTruthy();
    expect(table('찾아갈 책').copy).toEqual([
      'ILL-3',
      '813.7',
      '상호대차 3',
      '한*람',
      '진주시립서부도서관',
      '2026년 12월 5일 (토)',
    ]);
  });
});
