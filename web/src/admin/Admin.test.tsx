// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { seoulToday } from '../components/MemberForm';
import { mockApi, problem } from '../test/api-mock';
import { catchDownloads } from '../test/downloads';
import { deskStaff, library, statistics, tongyeong, yonam } from '../test/fixtures';
import { renderAt, resetBetweenTests } from '../test/render';
import { firstYearShown } from './NetworkHolidays';

const networkAdmin = {
  ...deskStaff,
  id: 1,
  username: 'network-admin',
  displayName: '네트워크 관리자',
  role: 'network_admin' as const,
};
const libraryAdmin = { ...deskStaff, id: 6, role: 'library_admin' as const };

function adminRoutes(staff: typeof deskStaff, extra: Parameters<typeof mockApi>[0] = []) {
  return mockApi([
    ...extra,
    ['GET', '/api/v1/staff/me', { body: staff }],
    ['GET', '/api/v1/libraries/3', { body: { library: yonam, holidays: [] } }],
    ['GET', '/api/v1/libraries', { body: { libraries: [yonam, tongyeong] } }],
    ['GET', /^\/api\/v1\/statistics/, { body: statistics }],
    ['GET', /^\/api\/v1\/hold-rules/, { body: holdRules }],
  ]);
}

/**
 * The libraries page as the network admin, Jinju Yonam's card open for editing; a PATCH changes
 * the library the list shows next.
 */
async function editYonamAsNetworkAdmin() {
  let listed = yonam;
  const calls = adminRoutes(networkAdmin, [
    ['GET', '/api/v1/libraries', () => ({ body: { libraries: [listed] } })],
    [
      'PATCH',
      '/api/v1/libraries/3',
      (request) => {
        listed = { ...yonam, ...(request.body as object) };
        return { body: listed };
      },
    ],
  ]);
  renderAt('/admin/libraries');
  const card = (await screen.findByRole('heading', { name: '진주시립연암도서관' })).closest('li')!;
  fireEvent.click(within(card).getByText('정보 고치기'));
  return { calls, card };
}

/** The network's rules as the loan rules page reads them: a network limit of 20. */
const networkRules20: Parameters<typeof mockApi>[0][number] = [
  'GET',
  '/api/v1/network-rules',
  { body: { networkLoanLimit: 20, suspensionMode: 'longest', maxSuspensionDays: null } },
];

const networkHoldRules = {
  holdLimit: 5,
  queuePerCopy: 5,
  pickupDays: 5,
  noShowLimit: 3,
  noShowWindowDays: 90,
  banDays: 30,
};
const holdRules = { network: networkHoldRules, library: null, effective: networkHoldRules };

/**
 * The notices page's API for library 3, its own settings kept between a save and the next read;
 * `preview` answers the templates (by default none).
 */
function noticeRoutes(
  preview: (own: OwnNoticeSettings) => unknown = () => ({ templates: [] }),
): Parameters<typeof mockApi>[0] {
  const network = { dueSoonDays: 3, dueDay: true, overdueRepeatDays: 7, consentReminder: true };
  let own: OwnNoticeSettings = { dueSoonDays: null, dueDay: null };
  return [
    [
      'GET',
      '/api/v1/notice-settings',
      () => ({ body: { network, library: { libraryId: 3, ...own } } }),
    ],
    [
      'PUT',
      '/api/v1/libraries/3/notice-settings',
      (request) => {
        own = request.body as OwnNoticeSettings;
        return { body: { libraryId: 3, ...own } };
      },
    ],
    ['GET', '/api/v1/notice-templates', () => ({ body: preview(own) })],
    ['GET', '/api/v1/notice-counts', { body: { counts: [] } }],
  ];
}

type OwnNoticeSettings = { dueSoonDays: number | null; dueDay: boolean | null };

describe('administration', () => {
  resetBetweenTests();

  it('shows the network dashboard: totals, loans per day and per library, the share, suspensions, members joined and withdrawn, requests', async () => {
    const calls = adminRoutes(networkAdmin);
    renderAt('/admin');
    await screen.findByRole('heading', { name: '통계' });
    expect(await screen.findByText('25%', { selector: '.kpi-value' })).toBeTruthy();
    const members = screen.getByRole('region', { name: '회원' });
    expect(
      within(members)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['새로 가입한 회원1,234', '탈퇴한 회원5']);
    expect(
      within(members).getByRole('img', {
        name: '일별 새로 가입한 회원: 합계 1,234명, 하루 최대 1,200명',
      }),
    ).toBeTruthy();
    // Inter-library requests: placed and collected here, sent to other libraries, not filled.
    const requests = screen.getByRole('region', { name: '상호대차' });
    expect(
      within(requests)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '상호대차 신청40',
      '상호대차로 받아 간 책31',
      '다른 도서관에 보낸 책27',
      '이루어지지 않은 신청6',
    ]);
    // Holds collected here: placed, collected, not collected in time, cancelled.
    const holds = screen.getByRole('region', { name: '예약' });
    expect(
      within(holds)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['예약52', '예약해 빌려 간 책38', '찾아가지 않은 예약5', '취소된 예약4']);
    expect(screen.getByRole('img', { name: /일별 대출: 합계 4건, 하루 최대 3건/ })).toBeTruthy();
    expect(screen.getByRole('img', { name: '다른 도서관 회원에게 대출한 비율: 25%' })).toBeTruthy();
    expect(screen.getByRole('img', { name: /일별 대출 정지: 합계 2건/ })).toBeTruthy();
    const perLibrary = screen.getByText('도서관별 대출').closest('figure')!;
    expect(within(perLibrary).getByText('진주시립연암도서관')).toBeTruthy();
    expect(within(perLibrary).queryByText('경남대표도서관')).toBeNull();
    fireEvent.click(
      within(perLibrary).getByRole('button', { name: '대출이 없는 도서관 1곳도 보기' }),
    );
    expect(within(perLibrary).getByText('경남대표도서관')).toBeTruthy();
    // The whole network: no libraryId in the query.
    expect(calls.find((c) => c.path.startsWith('/api/v1/statistics'))?.path).toBe(
      '/api/v1/statistics',
    );
    // The network admin also manages the network.
    expect(screen.getByRole('link', { name: '반입 그룹' })).toBeTruthy();
    // The figures go to a spreadsheet: a file a library, named by the period.
    const { saved, stop } = catchDownloads();
    fireEvent.click(screen.getByRole('button', { name: '도서관별 자료 CSV로 내려받기' }));
    fireEvent.click(screen.getByRole('button', { name: '요약 CSV로 내려받기' }));
    stop();
    expect(saved.map((file) => file.name)).toEqual([
      '도서관별-대출-2026-12-01-2026-12-03.csv',
      '요약-2026-12-01-2026-12-03.csv',
    ]);
    expect(await saved[0]!.blob.text()).toBe(
      '\ufeff도서관,대출,다른 도서관 회원\n진주시립연암도서관,3,0\n통영시립도서관,1,1\n경남대표도서관,0,0\n',
    );
    // The totals, named as the dashboard names them: members and requests too.
    const summary = await saved[1]!.blob.text();
    expect(summary).toContain('새로 가입한 회원,1234\n');
    expect(summary).toContain('이루어지지 않은 신청,6\n');
  });

  it('adds up a period of several months by month, saying which months the period cuts', async () => {
    const yearEnd = {
      ...statistics,
      from: '2026-11-20',
      to: '2027-01-05',
      loansPerMonth: [
        {
          month: '2026-11',
          from: '2026-11-20',
          to: '2026-11-30',
          loans: 12,
          suspensionsStarted: 1,
          membersJoined: 40,
          membersWithdrawn: 2,
        },
        {
          month: '2026-12',
          from: '2026-12-01',
          to: '2026-12-31',
          loans: 1234,
          suspensionsStarted: 5,
          membersJoined: 1500,
          membersWithdrawn: 0,
        },
        {
          month: '2027-01',
          from: '2027-01-01',
          to: '2027-01-05',
          loans: 30,
          suspensionsStarted: 0,
          membersJoined: 3,
          membersWithdrawn: 1,
        },
      ],
    };
    adminRoutes(networkAdmin, [['GET', /^\/api\/v1\/statistics/, { body: yearEnd }]]);
    renderAt('/admin');
    const heading = await screen.findByRole('heading', { name: '월별 대출과 회원' });
    const rows = within(heading.closest('section')!)
      .getAllByRole('row')
      .map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['월', '대출', '대출 정지(연체 반납)', '새로 가입한 회원', '탈퇴한 회원'],
      ['2026년 11월 (11. 20.~11. 30.)', '12', '1', '40', '2'],
      ['2026년 12월', '1,234', '5', '1,500', '0'],
      ['2027년 1월 (1. 1.~1. 5.)', '30', '0', '3', '1'],
    ]);
    expect(screen.getByRole('button', { name: '월별 자료 CSV로 내려받기' })).toBeTruthy();
  });

  it('shows no month table for a period within one month', async () => {
    adminRoutes(networkAdmin);
    renderAt('/admin');
    await screen.findByRole('heading', { name: '통계' });
    await screen.findByText('25%', { selector: '.kpi-value' });
    expect(screen.queryByRole('heading', { name: '월별 대출' })).toBeNull();
  });

  it('says the network limit under the loan limit, and shows the refusal of a limit above it (issue 17)', async () => {
    const calls = adminRoutes(libraryAdmin, [
      networkRules20,
      [
        'PUT',
        '/api/v1/libraries/3/loan-rules',
        problem(422, [
          {
            code: 'LOAN_LIMIT_ABOVE_NETWORK',
            detail:
              '도서관 대출 한도는 전체 도서관 한도인 20권보다 클 수 없습니다. 20권 이하로 정해 주세요.',
          },
        ]),
      ],
    ]);
    renderAt('/admin/rules');
    expect(
      await screen.findByText(
        '전체 도서관 한도는 20권입니다. 도서관 한도는 이보다 클 수 없습니다.',
      ),
    ).toBeTruthy();
    fireEvent.change(screen.getByLabelText('1인 대출 한도'), { target: { value: '25' } });
    fireEvent.submit(screen.getByLabelText('1인 대출 한도').closest('form')!);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('전체 도서관 한도인 20권보다 클 수 없습니다');
    expect(alert.textContent).toContain('LOAN_LIMIT_ABOVE_NETWORK');
    await waitFor(() => expect(document.activeElement).toBe(alert));
    expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ loanLimit: 25 });
    // A limit of 0 is allowed (lending stopped) but said plainly before it is saved.
    expect(screen.queryByText(/대출 한도가 0권이면/)).toBeNull();
    fireEvent.change(screen.getByLabelText('1인 대출 한도'), { target: { value: '0' } });
    expect(
      screen.getByText(/대출 한도가 0권이면 이 도서관에서는 아무도 책을 빌릴 수 없습니다/),
    ).toBeTruthy();
  });

  it('says how many loans a newly closed weekday moved, and sends the rules alone when saved again', async () => {
    const calls = adminRoutes(libraryAdmin, [
      networkRules20,
      [
        'PUT',
        '/api/v1/libraries/3/loan-rules',
        (request) => ({ body: { ...(request.body as object), loansMoved: 2 } }),
      ],
    ]);
    renderAt('/admin/rules');
    const tuesday = await screen.findByRole('checkbox', { name: /화/ });
    fireEvent.click(tuesday);
    const form = screen.getByLabelText('1인 대출 한도').closest('form')!;
    fireEvent.submit(form);
    expect(
      await screen.findByText(
        '저장했습니다. 새로 정한 휴관 요일에 반납 예정이던 대출 2건의 반납 예정일을 다음 개관일로 옮겼습니다.',
      ),
    ).toBeTruthy();
    fireEvent.submit(form);
    await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(2));
    const puts = calls.filter((c) => c.method === 'PUT').map((c) => c.body as object);
    expect(puts[1]).toEqual(puts[0]);
    expect(puts[1]).not.toHaveProperty('loansMoved');
  });

  it("lists a date that is both the library's closed day and a public holiday twice, once each, after a save too", async () => {
    const ownDays = [{ date: '2027-03-01', nameKo: '정기 휴관일', nameEn: '' }];
    adminRoutes(libraryAdmin, [
      [
        'GET',
        /^\/api\/v1\/libraries\/3\/calendar/,
        () => ({
          body: {
            closedWeekdays: [1],
            closedDays: [...ownDays],
            publicHolidays: [
              {
                date: '2027-03-01',
                nameKo: '삼일절',
                nameEn: 'Independence Movement Day',
                libraryOpen: false,
              },
            ],
          },
        }),
      ],
      [
        'GET',
        /^\/api\/v1\/libraries\/3\/closed-day-impact/,
        { body: { date: '2026-12-21', loansDue: 0, movesTo: null } },
      ],
      [
        'POST',
        '/api/v1/libraries/3/holidays',
        (request) => {
          const day = request.body as { date: string; nameKo: string };
          ownDays.unshift({ ...day, nameEn: '' });
          return { body: { ...day, nameEn: '', loansMoved: 0 } };
        },
      ],
    ]);
    renderAt('/admin/calendar');
    const table = await screen.findByRole('table', { name: '다가오는 휴관일' });
    const rowsOf = (date: RegExp) =>
      within(table)
        .getAllByRole('row')
        .filter((row) => date.test(row.textContent ?? ''));
    expect(rowsOf(/2027년 3월 1일/)).toHaveLength(2);
    fireEvent.change(screen.getByLabelText('날짜'), { target: { value: '2026-12-21' } });
    fireEvent.change(screen.getByLabelText('이름 (한국어)'), { target: { value: '임시 휴관' } });
    fireEvent.submit(screen.getByLabelText('날짜').closest('form')!);
    await waitFor(() => expect(rowsOf(/2026년 12월 21일/)).toHaveLength(1));
    expect((screen.getByLabelText('날짜') as HTMLInputElement).value).toBe('');
    expect(rowsOf(/2027년 3월 1일/).map((row) => row.textContent)).toEqual([
      expect.stringContaining('정기 휴관일'),
      expect.stringContaining('삼일절'),
    ]);
  });

  it('names each region once, above its libraries, and the region of each planned library', async () => {
    const planned = library(30, '진주시립새도서관', 'Jinju New Library', {
      status: 'planned',
      plannedStart: '2027-03-01',
      participatingSince: null,
    });
    const seobu = library(9, '진주시립서부도서관', 'Jinju Seobu Library');
    adminRoutes(networkAdmin, [
      ['GET', '/api/v1/libraries', { body: { libraries: [yonam, seobu, tongyeong, planned] } }],
    ]);
    renderAt('/admin/libraries');
    const jinju = await screen.findByRole('heading', { name: '진주시' });
    const group = jinju.closest('section')!;
    expect(
      within(group)
        .getAllByRole('heading', { level: 3 })
        .map((h) => h.textContent),
    ).toEqual(['진주시립연암도서관', '진주시립서부도서관']);
    expect(within(group).getAllByText('진주시')).toHaveLength(1);
    const plannedGroup = screen
      .getByRole('heading', { name: '참여 예정 도서관' })
      .closest('section')!;
    expect(within(plannedGroup).getByText('진주시')).toBeTruthy();
  });

  it('the network admin corrects a library’s names; the list shows them, the code stays', async () => {
    const { calls, card } = await editYonamAsNetworkAdmin();
    const korean = within(card).getByLabelText('이름 (한국어)');
    expect(within(card).getByText(/도서관 코드 jinju-yonam-library는 그대로입니다/)).toBeTruthy();
    fireEvent.change(korean, { target: { value: ' 진주연암도서관 ' } });
    fireEvent.click(within(card).getByRole('button', { name: '이름 저장' }));
    expect(await screen.findByText('진주연암도서관 정보를 저장했습니다.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({
      nameKo: '진주연암도서관',
      nameEn: yonam.nameEn,
    });
    expect(await screen.findByRole('heading', { name: '진주연암도서관' })).toBeTruthy();
  });

  it('the network admin stops lending at a library closing for works, asked first and told what waits there', async () => {
    const { calls, card } = await editYonamAsNetworkAdmin();
    fireEvent.click(
      within(card).getByRole('button', { name: '대출 멈추기 (참여 전으로): 진주시립연암도서관' }),
    );
    expect(
      within(card).getByText(/보관 중인 예약·상호대차 자료도 빌려 줄 수 없게 되니/),
    ).toBeTruthy();
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
    fireEvent.click(within(card).getByRole('button', { name: '예, 대출을 멈춥니다' }));
    expect(
      await screen.findByText(
        '진주시립연암도서관의 대출을 멈췄습니다. 참여 예정 도서관 목록에 있습니다.',
      ),
    ).toBeTruthy();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ status: 'planned' });
    // Listed with the planned libraries, with the button to start again.
    const planned = (await screen.findByRole('heading', { name: '참여 예정 도서관' })).closest(
      'section',
    )!;
    expect(
      within(planned).getByRole('button', { name: '참여 시작: 진주시립연암도서관' }),
    ).toBeTruthy();
  });

  it('a holiday added in a year the list does not show: the list turns to that year', async () => {
    const other = firstYearShown(seoulToday()) + 1;
    const calls = adminRoutes(networkAdmin, [
      ['GET', /^\/api\/v1\/network-holidays\/impact/, { body: { loansDue: 0 } }],
      ['GET', /^\/api\/v1\/network-holidays/, { body: { holidays: [] } }],
      [
        'POST',
        '/api/v1/network-holidays',
        (request) => ({ status: 201, body: { ...(request.body as object), loansMoved: 0 } }),
      ],
    ]);
    renderAt('/admin/holidays');
    fireEvent.change(await screen.findByLabelText('날짜'), {
      target: { value: `${other}-03-02` },
    });
    fireEvent.change(screen.getByLabelText('이름 (한국어)'), { target: { value: '임시공휴일' } });
    fireEvent.submit(screen.getByLabelText('이름 (한국어)').closest('form')!);
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'GET' && c.path.includes(`from=${other}-01-01`))).toBe(
        true,
      ),
    );
  });

  it('a holiday file with a bad date says which holiday, and offers no save until it is fixed', async () => {
    const calls = adminRoutes(networkAdmin, [
      ['GET', /^\/api\/v1\/network-holidays/, { body: { holidays: [] } }],
    ]);
    renderAt('/admin/holidays');
    const input = await screen.findByLabelText('목록 파일 (CSV 또는 JSON)');
    const csv = 'date,name_ko,name_en\n2027-10-11,"임시, 공휴일",\n2027-13-01,잘못된 날,\n';
    fireEvent.change(input, { target: { files: [new File([csv], 'holidays.csv')] } });
    const alert = await screen.findByText(/이 목록은 저장할 수 없습니다/);
    expect(alert.closest('[role="alert"]')?.textContent).toContain(
      '2번째 공휴일: 날짜가 올바르지 않습니다 (YYYY-MM-DD): 2027-13-01',
    );
    expect(screen.getByText(/파일에서 공휴일 2개를 읽었습니다/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: '이 목록 저장' })).toBeNull();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it("the network admin sets whether machines require the PIN, and the network's hold rules", async () => {
    const calls = adminRoutes(networkAdmin, [
      [
        'GET',
        '/api/v1/network-rules',
        {
          body: {
            networkLoanLimit: 20,
            suspensionMode: 'longest',
            maxSuspensionDays: null,
            machinesRequirePin: true,
          },
        },
      ],
      ['PUT', '/api/v1/network-rules', (request) => ({ body: request.body })],
      ['PUT', '/api/v1/network-hold-rules', (request) => ({ body: request.body })],
    ]);
    renderAt('/admin/network-rules');
    const pin = (await screen.findByLabelText(/자가대출기에서 PIN 요구/)) as HTMLInputElement;
    expect(pin.checked).toBe(true);
    // A network limit below libraries' own: allowed, and said.
    expect(screen.queryByText(/1인 대출 한도가/)).toBeNull();
    fireEvent.change(screen.getByLabelText('전체 대출 한도 (1인)'), { target: { value: '3' } });
    expect(
      await screen.findByText(
        '도서관 2곳의 1인 대출 한도가 3권보다 큽니다. 회원은 모든 도서관을 합쳐 3권까지만 빌릴 수 있습니다.',
      ),
    ).toBeTruthy();
    fireEvent.click(pin);
    fireEvent.submit(pin.closest('form')!);
    await waitFor(() =>
      expect(
        calls.find((c) => c.path === '/api/v1/network-rules' && c.method === 'PUT')?.body,
      ).toMatchObject({
        machinesRequirePin: false,
      }),
    );
    const ban = await screen.findByLabelText('예약 제한 기간 (일)');
    fireEvent.change(ban, { target: { value: '14' } });
    fireEvent.submit(ban.closest('form')!);
    await waitFor(() =>
      expect(calls.find((c) => c.path === '/api/v1/network-hold-rules')?.body).toEqual({
        ...networkHoldRules,
        banDays: 14,
      }),
    );
  });

  it("a library lowers its own hold rules; an empty field follows the network's", async () => {
    const calls = adminRoutes(libraryAdmin, [
      networkRules20,
      [
        'PUT',
        '/api/v1/libraries/3/hold-rules',
        (request) => ({
          body: { network: networkHoldRules, library: request.body, effective: networkHoldRules },
        }),
      ],
    ]);
    renderAt('/admin/rules');
    const pickup = await screen.findByLabelText('보관 기간 (개관일)');
    expect(screen.getAllByText('네트워크 기본값: 5').length).toBe(3);
    fireEvent.change(pickup, { target: { value: '3' } });
    fireEvent.submit(pickup.closest('form')!);
    await waitFor(() =>
      expect(calls.find((c) => c.path === '/api/v1/libraries/3/hold-rules')?.body).toEqual({
        holdLimit: null,
        queuePerCopy: null,
        pickupDays: 3,
      }),
    );
    expect(await screen.findAllByText('저장했습니다.')).toHaveLength(1);
    // The busy button had lost the keyboard: the sentence that says it worked has it now.
    await waitFor(() => expect(document.activeElement?.textContent).toBe('저장했습니다.'));
  });

  it("keeps the network admin's chosen library across a reload of the page", async () => {
    adminRoutes(networkAdmin, [
      ['GET', '/api/v1/libraries/7', { body: { library: tongyeong, holidays: [] } }],
      networkRules20,
    ]);
    const first = renderAt('/admin/rules');
    const picker = (await screen.findByLabelText('관리할 도서관')) as HTMLSelectElement;
    await screen.findByRole('option', { name: tongyeong.nameKo });
    fireEvent.change(picker, { target: { value: String(tongyeong.id) } });
    expect(picker.value).toBe(String(tongyeong.id));
    first.unmount();
    renderAt('/admin/rules');
    const again = (await screen.findByLabelText('관리할 도서관')) as HTMLSelectElement;
    await screen.findByRole('option', { name: tongyeong.nameKo });
    expect(again.value).toBe(String(tongyeong.id));
  });

  it('previews a notice as the library sends it, and says when its members are sent none', async () => {
    const calls = adminRoutes(
      libraryAdmin,
      noticeRoutes((own) => {
        const text = `반납 예정일까지 ${own.dueSoonDays ?? 3}일 남았습니다`;
        const notice = { subject: '반납 예정', text, html: '', short: text };
        return { templates: [{ kind: 'due_soon', ko: notice, en: notice }] };
      }),
    );
    renderAt('/admin/notices');
    // Both languages, the long text and the short one.
    expect(await screen.findAllByText('반납 예정일까지 3일 남았습니다')).toHaveLength(4);
    expect(screen.queryByText(/이 알림을 보내지 않습니다/)).toBeNull();
    const library = screen.getByRole('form', { name: '이 도서관의 설정' });
    const days = within(library).getByLabelText(/반납일 며칠 전/);
    fireEvent.change(days, { target: { value: '0' } });
    fireEvent.submit(library);
    await screen.findByText('알림 설정을 저장했습니다.');
    // The preview is read again with the library's own setting, and says it is not sent.
    expect(
      await screen.findByText(/이 도서관의 회원에게는 이 알림을 보내지 않습니다/),
    ).toBeTruthy();
    await waitFor(() =>
      expect(calls.filter((c) => c.path.startsWith('/api/v1/notice-templates'))).toHaveLength(2),
    );
  });

  it("keeps what the network admin typed in the network's defaults when the library's are saved", async () => {
    const calls = adminRoutes(networkAdmin, noticeRoutes());
    renderAt('/admin/notices');
    const defaults = await screen.findByRole('form', { name: '네트워크 기본값' });
    const repeat = within(defaults).getByLabelText('연체 안내 반복 간격(일)') as HTMLInputElement;
    fireEvent.change(repeat, { target: { value: '9' } });
    const library = screen.getByRole('form', { name: '이 도서관의 설정' });
    fireEvent.change(within(library).getByLabelText(/반납일 며칠 전/), { target: { value: '5' } });
    fireEvent.submit(library);
    // The settings read again (the preview after them, for its new days): the typed value stays.
    await waitFor(() =>
      expect(calls.filter((c) => c.path.startsWith('/api/v1/notice-templates'))).toHaveLength(2),
    );
    expect(repeat.value).toBe('9');
  });

  it("a planned library's admin is told on its pages that it does not lend yet", async () => {
    adminRoutes(libraryAdmin, [
      [
        'GET',
        '/api/v1/libraries/3',
        {
          body: {
            library: { ...yonam, status: 'planned', participatingSince: null },
            holidays: [],
          },
        },
      ],
      [
        'GET',
        '/api/v1/libraries/3/terminals',
        { body: { terminals: [], selfCheck: { port: 6001, tls: false } } },
      ],
    ]);
    renderAt('/admin/terminals');
    expect(await screen.findByText(/이 도서관은 아직 참여 전이라 대출하지 않습니다/)).toBeTruthy();
  });

  it('shows the problem when the self-check machines cannot be loaded', async () => {
    adminRoutes(libraryAdmin, [
      [
        'GET',
        '/api/v1/libraries/3/terminals',
        {
          status: 404,
          body: {
            code: 'NOT_FOUND',
            detail: '요청한 항목을 찾을 수 없습니다.',
            reasons: [{ code: 'NOT_FOUND', detail: '요청한 항목을 찾을 수 없습니다.' }],
          },
        },
      ],
    ]);
    renderAt('/admin/terminals');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('자가대출기 목록을 불러오지 못했습니다');
    expect(alert.textContent).toContain('NOT_FOUND');
    // A library admin does not see the network pages.
    expect(screen.queryByRole('link', { name: '반입 그룹' })).toBeNull();
  });

  it('creates a self-check machine account with its encoding and language', async () => {
    const calls = adminRoutes(libraryAdmin, [
      [
        'GET',
        '/api/v1/libraries/3/terminals',
        { body: { terminals: [], selfCheck: { port: 6001, tls: true } } },
      ],
      [
        'POST',
        '/api/v1/libraries/3/terminals',
        (request) => ({
          status: 201,
          body: {
            id: 1,
            libraryId: 3,
            ...(request.body as object),
            disabled: false,
            createdAt: '2026-12-01T01:00:00.000Z',
          },
        }),
      ],
    ]);
    renderAt('/admin/terminals');
    await screen.findByText('등록된 자가대출기가 없습니다.');
    // What the vendor types into the machine besides its account: where, TLS, institution ID.
    const settings = screen.getByRole('region', { name: '기기 설정에 넣을 값' });
    expect(settings.textContent).toContain('SIP2 포트6001');
    expect(settings.textContent).toContain('TLS사용 (TLS 1.2 이상만)');
    expect(settings.textContent).toContain('기관 ID (AO)jinju-yonam-library');
    fireEvent.change(screen.getByLabelText('기기 아이디'), { target: { value: 'kiosk-1' } });
    fireEvent.change(screen.getByLabelText('비밀번호'), { target: { value: 'kiosk-password' } });
    fireEvent.change(screen.getByLabelText('문자 인코딩'), { target: { value: 'euc-kr' } });
    fireEvent.change(screen.getByLabelText('화면 메시지 언어'), { target: { value: 'en' } });
    fireEvent.submit(screen.getByRole('button', { name: '기기 계정 만들기' }).closest('form')!);
    expect(await screen.findByText('kiosk-1 기기 계정을 만들었습니다.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      username: 'kiosk-1',
      password: 'kiosk-password',
      encoding: 'euc-kr',
      language: 'en',
    });
  });

  it('tells a desk account plainly that administration is not for it', async () => {
    adminRoutes(deskStaff);
    renderAt('/admin');
    expect(await screen.findByText(/안내데스크 계정입니다/)).toBeTruthy();
  });
});
