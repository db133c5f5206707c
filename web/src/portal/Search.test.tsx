// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { TitleDetail } from '../api/catalogue';
import { setCsrfToken } from '../api/client';
import i18n from '../i18n';
import { type MockRequest, mockApi, problem, type Routes } from '../test/api-mock';
import {
  catalogueTitle,
  emptyStatus,
  holding,
  interLibraryRequest,
  member,
  tongyeong,
  yonam,
} from '../test/fixtures';
import { renderAt, resetBetweenTests } from '../test/render';

const sea = catalogueTitle(1, '바다의 노래', [
  holding(yonam, 2, 1, { checkedIn: true }),
  holding(tongyeong, 1, 0, { checkedIn: false }),
]);
const island = catalogueTitle(2, '바다 건너 섬', [holding(tongyeong, 1, 1)], {
  author: 'Han Kang',
  publisher: null,
  year: null,
});

const directory: Routes = [
  [
    'GET',
    '/api/v1/regions',
    {
      body: {
        regions: [
          { ...yonam.region, parentCode: null, libraryCount: 1 },
          { ...tongyeong.region, parentCode: null, libraryCount: 1 },
        ],
      },
    },
  ],
  ['GET', '/api/v1/libraries', { body: { libraries: [yonam, tongyeong] } }],
];

const unauthenticated = problem(401, [{ code: 'UNAUTHENTICATED', detail: '로그인이 필요합니다.' }]);
const anonymously = <T extends { checkedIn: boolean | null }>(h: T): T => ({
  ...h,
  checkedIn: null,
});

/** The catalogue searches asked for, as their query parameters. */
function searches(calls: MockRequest[]): URLSearchParams[] {
  return calls
    .filter((c) => c.path.split('?')[0] === '/api/v1/catalogue')
    .map((c) => new URLSearchParams(c.path.split('?')[1]));
}

describe('portal: finding a book in every library', () => {
  resetBetweenTests();

  it('lists titles with their availability, holdings grouped by region, the member’s libraries marked', async () => {
    const calls = mockApi([
      ['GET', '/api/v1/me', { body: member }],
      ['GET', '/api/v1/catalogue', { body: { titles: [sea, island], nextCursor: null } }],
      ...directory,
    ]);
    renderAt('/portal/search?q=%EB%B0%94%EB%8B%A4');
    const link = await screen.findByRole('link', { name: '바다의 노래' });
    expect(link.getAttribute('href')).toBe('/portal/titles/1');
    expect(screen.getByRole('heading', { level: 1, name: '‘바다’ 검색 결과' })).toBeTruthy();
    expect(searches(calls)[0]?.get('q')).toBe('바다');
    // The header's box shows the query answered.
    expect((screen.getByRole('searchbox', { name: '책 찾기' }) as HTMLInputElement).value).toBe(
      '바다',
    );

    const [first, second] = within(screen.getByRole('list', { name: '검색 결과 목록' }))
      .getAllByRole('listitem')
      .filter((li) => li.classList.contains('title-card'));
    const one = within(first!);
    expect(one.getByText('한강 · 창비 · 2014')).toBeTruthy();
    expect(one.getByText('2개 도서관 · 지금 대출 가능 1권')).toBeTruthy();
    // Grouped by region, in the server's order (the checked-in library first).
    expect(one.getAllByRole('term').map((dt) => dt.textContent)).toEqual(['진주시', '통영시']);
    expect(one.getByText('2권 중 1권 대출 가능')).toBeTruthy();
    expect(one.getAllByText('반입 등록됨')).toHaveLength(1);
    const two = within(second!);
    expect(two.getByText('Han Kang')).toBeTruthy();
    expect(two.getByText('1개 도서관 · 지금 대출 가능 1권')).toBeTruthy();
    expect(two.queryByText('반입 등록됨')).toBeNull();
    expect(screen.getByText('검색 결과 2건')).toBeTruthy();
  });

  it('links to every holding library beyond those a result carries, counted from libraryCount', async () => {
    // The API carries a few holding libraries per result (the member's own first); the title is
    // held by 30: the link counts the 28 not listed, and the shelf count says whose it is.
    const popular = catalogueTitle(
      3,
      '바다 백과',
      [holding(yonam, 2, 1, { checkedIn: true }), holding(tongyeong, 1, 1, { checkedIn: false })],
      { libraryCount: 30 },
    );
    mockApi([
      ['GET', '/api/v1/me', { body: member }],
      ['GET', '/api/v1/catalogue', { body: { titles: [popular, island], nextCursor: null } }],
      ...directory,
    ]);
    renderAt('/portal/search?q=바다');
    const more = await screen.findByRole('link', { name: '외 28곳 · 모든 소장 도서관 보기' });
    expect(more.getAttribute('href')).toBe('/portal/titles/3');
    expect(screen.getByText('30개 도서관 · 아래 2곳에서 지금 대출 가능 2권')).toBeTruthy();
    // A title whose every holding library is listed has no such link.
    expect(screen.getAllByRole('link', { name: /모든 소장 도서관 보기/ })).toHaveLength(1);
    await i18n.changeLanguage('en');
    expect(
      await screen.findByRole('link', { name: 'and 28 more · every holding library' }),
    ).toBeTruthy();
    expect(screen.getByText('30 libraries · 2 available now at the 2 below')).toBeTruthy();
    await i18n.changeLanguage('ko');
  });

  it('asks again with each filter: region, library, available now', async () => {
    const calls = mockApi([
      ['GET', '/api/v1/catalogue', { body: { titles: [sea], nextCursor: null } }],
      ...directory,
    ]);
    renderAt('/portal/search?q=바다');
    await screen.findByText('바다의 노래');
    await screen.findByRole('option', { name: '통영시' });
    fireEvent.change(screen.getByLabelText('지역'), { target: { value: 'tongyeong-si' } });
    await waitFor(() => expect(searches(calls).at(-1)?.get('region')).toBe('tongyeong-si'));
    fireEvent.change(screen.getByLabelText('도서관'), { target: { value: '7' } });
    await waitFor(() => expect(searches(calls).at(-1)?.get('library')).toBe('7'));
    fireEvent.click(screen.getByLabelText('지금 대출 가능한 책만'));
    await waitFor(() => expect(searches(calls).at(-1)?.get('available')).toBe('true'));
    const last = searches(calls).at(-1)!;
    expect([last.get('q'), last.get('region')]).toEqual(['바다', 'tongyeong-si']);
    // The filters are in the address: the page can be shared or reloaded as it is.
    expect(new URLSearchParams(window.location.search).get('available')).toBe('true');
  });

  it('appends the next page by the cursor, and offers no more after the last', async () => {
    const calls = mockApi([
      [
        'GET',
        '/api/v1/catalogue',
        (request) =>
          new URLSearchParams(request.path.split('?')[1]).get('cursor') === 'page-2'
            ? { body: { titles: [island], nextCursor: null } }
            : { body: { titles: [sea], nextCursor: 'page-2' } },
      ],
      ...directory,
    ]);
    renderAt('/portal/search?q=바다');
    await screen.findByText('바다의 노래');
    expect(screen.getByText('검색 결과 1건 (더 있음)')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '검색 결과 더 보기' }));
    await screen.findByText('바다 건너 섬');
    expect(screen.getByText('바다의 노래')).toBeTruthy();
    expect(screen.getByText('검색 결과 2건')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '검색 결과 더 보기' })).toBeNull();
    const more = searches(calls).at(-1)!;
    expect([more.get('q'), more.get('cursor')]).toEqual(['바다', 'page-2']);
  });

  it('refuses a one-character query without asking the server', async () => {
    const calls = mockApi(directory);
    renderAt('/portal/search?q=%20%EB%B0%94%20');
    expect(await screen.findByText(/검색어를 두 글자 이상 입력해 주세요/)).toBeTruthy();
    expect(searches(calls)).toHaveLength(0);
  });

  it('says when nothing matches, and when the server asks to wait (429)', async () => {
    let limited = false;
    mockApi([
      [
        'GET',
        '/api/v1/catalogue',
        () =>
          limited
            ? problem(429, [
                {
                  code: 'RATE_LIMITED',
                  detail: '요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.',
                },
              ])
            : { body: { titles: [], nextCursor: null } },
      ],
      ...directory,
    ]);
    renderAt('/portal/search?q=zzqx');
    expect(await screen.findByText('‘zzqx’에 맞는 책을 찾지 못했습니다.')).toBeTruthy();
    expect(screen.getByText(/철자를 확인하거나 더 적은 단어로/)).toBeTruthy();

    limited = true;
    const box = screen.getByRole('searchbox', { name: '책 찾기' });
    fireEvent.change(box, { target: { value: '바다 여행' } });
    fireEvent.submit(box.closest('form')!);
    expect(await screen.findByText('잠시 기다린 뒤 다시 검색해 주세요.')).toBeTruthy();
    expect(screen.getByText('RATE_LIMITED')).toBeTruthy();
  });

  it('asks again after signing out: nothing of the member’s check-ins stays on the page', async () => {
    let signedIn = true;
    const calls = mockApi([
      ['GET', '/api/v1/me', () => (signedIn ? { body: member } : unauthenticated)],
      [
        'POST',
        '/api/v1/sign-out',
        () => {
          signedIn = false;
          return { status: 204 };
        },
      ],
      [
        'GET',
        '/api/v1/catalogue',
        () => ({
          body: {
            titles: [signedIn ? sea : { ...sea, holdings: sea.holdings.map(anonymously) }],
            nextCursor: null,
          },
        }),
      ],
      ...directory,
    ]);
    renderAt('/portal/search?q=바다');
    await screen.findByText('반입 등록됨');
    fireEvent.click(screen.getByRole('button', { name: '로그아웃' }));
    await waitFor(() => expect(screen.queryByText('반입 등록됨')).toBeNull());
    await screen.findByText('바다의 노래');
    expect(searches(calls).length).toBeGreaterThanOrEqual(2);
  });

  it('searches from the home page’s box; the header has one on every other public page', async () => {
    const calls = mockApi([
      ['GET', '/api/v1/catalogue', { body: { titles: [sea], nextCursor: null } }],
      ...directory,
    ]);
    renderAt('/');
    // One search landmark: the home page's own box, none in the header.
    expect(screen.getAllByRole('search')).toHaveLength(1);
    const box = screen.getByLabelText('어느 도서관에 있는지 찾아보세요');
    fireEvent.change(box, { target: { value: ' 바다 ' } });
    fireEvent.submit(box.closest('form')!);
    await screen.findByText('바다의 노래');
    expect(window.location.pathname).toBe('/portal/search');
    expect(searches(calls)[0]?.get('q')).toBe('바다');

    fireEvent.click(screen.getByRole('link', { name: '도서관 찾기' }));
    expect(await screen.findByRole('searchbox', { name: '책 찾기' })).toBeTruthy();
  });
});

const detail: TitleDetail = {
  title: { ...sea, subjects: ['한국 소설', '바다'] },
  holdings: [
    {
      ...holding(yonam, 2, 1, { checkedIn: true }),
      library: {
        ...holding(yonam, 0, 0).library,
        addressKo: yonam.addressKo,
        addressEn: null,
        phone: yonam.phone,
        openingHoursKo: '화–일 09:00–18:00',
        openingHoursEn: null,
        closedDaysNoteKo: null,
        closedDaysNoteEn: null,
      },
    },
    {
      ...holding(tongyeong, 1, 0, { checkedIn: false }),
      library: {
        ...holding(tongyeong, 0, 0).library,
        addressKo: '경상남도 통영시 어딘가 2',
        addressEn: 'Tongyeong somewhere 2',
        phone: tongyeong.phone,
        openingHoursKo: null,
        openingHoursEn: null,
        closedDaysNoteKo: null,
        closedDaysNoteEn: null,
      },
    },
  ],
};

/** A member with no hold and no request of any title. */
const nothingOpen: Routes = [
  ['GET', '/api/v1/me/holds', { body: { holds: [] } }],
  ['GET', '/api/v1/me/requests', { body: { requests: [] } }],
];

/** The title with every copy of its first library (Jinju Yonam, checked in) out. */
const allOut: TitleDetail = {
  ...detail,
  holdings: [{ ...detail.holdings[0]!, copies: 3, available: 0 }, detail.holdings[1]!],
};

describe('portal: a title and every library that holds it', () => {
  resetBetweenTests();

  it('shows the record, the holdings by region, and what to do where the member is not checked in', async () => {
    mockApi([
      ['GET', '/api/v1/me', { body: member }],
      ['GET', '/api/v1/catalogue/titles/1', { body: detail }],
    ]);
    renderAt('/portal/titles/1');
    expect(await screen.findByRole('heading', { level: 1, name: '바다의 노래' })).toBeTruthy();
    expect(screen.getByText('9788936434120')).toBeTruthy();
    expect(screen.getByText('813.7')).toBeTruthy();
    expect(screen.getByText('한국 소설, 바다')).toBeTruthy();
    expect(screen.getByText('2개 도서관 · 지금 대출 가능 1권')).toBeTruthy();

    const jinju = within(screen.getByRole('region', { name: '진주시' }));
    expect(jinju.getByRole('link', { name: '진주시립연암도서관' }).getAttribute('href')).toBe(
      '/portal/libraries/3',
    );
    expect(jinju.getByText('반입 등록됨')).toBeTruthy();
    expect(jinju.getByText('이 도서관에서 바로 빌릴 수 있습니다.')).toBeTruthy();
    expect(jinju.getByText('화–일 09:00–18:00')).toBeTruthy();
    expect(jinju.getByRole('link', { name: yonam.phone! }).getAttribute('href')).toBe(
      `tel:${yonam.phone}`,
    );

    const other = within(screen.getByRole('region', { name: '통영시' }));
    expect(other.getByText('반입 등록 전')).toBeTruthy();
    expect(other.getByText(/통영시립도서관 안내데스크에 보여 주면 그날 바로 빌릴 수/)).toBeTruthy();
    expect(other.getByText('1권 중 0권 대출 가능')).toBeTruthy();
    // Hours not written: left out of the list rather than said "unknown" under every library.
    expect(other.queryByText('운영 시간')).toBeNull();
    expect(screen.queryByText('알려지지 않음')).toBeNull();
    expect(other.getByRole('link', { name: '도서관 정보 보기' }).getAttribute('href')).toBe(
      '/portal/libraries/7',
    );
    expect(screen.queryByText(/로그인하면 반입 등록된 도서관이/)).toBeNull();
  });

  it('says how to check in once, at the first library that needs it; the others say it in short', async () => {
    const tongyeongHolding = detail.holdings[1]!;
    const geoje = {
      ...tongyeongHolding,
      library: {
        ...tongyeongHolding.library,
        id: 8,
        nameKo: '거제시립옥포도서관',
        nameEn: 'Geoje Okpo Library',
        region: { code: 'geoje-si', nameKo: '거제시', nameEn: 'Geoje-si' },
      },
    };
    mockApi([
      ['GET', '/api/v1/me', { body: member }],
      [
        'GET',
        '/api/v1/catalogue/titles/1',
        { body: { ...detail, holdings: [...detail.holdings, geoje] } },
      ],
    ]);
    renderAt('/portal/titles/1');
    await screen.findByRole('heading', { level: 1, name: '바다의 노래' });
    expect(screen.getAllByText(/안내데스크에 보여 주면 그날 바로 빌릴 수 있습니다/)).toHaveLength(
      1,
    );
    expect(
      screen.getAllByText(/안내데스크에서 반입 등록하면 빌릴 수 있습니다 \(방법은 위와 같습니다\)/),
    ).toHaveLength(1);
  });

  it('asks an anonymous reader to sign in, in English too', async () => {
    await i18n.changeLanguage('en');
    const anonymous: TitleDetail = {
      ...detail,
      holdings: detail.holdings.map((h) => ({ ...h, checkedIn: null })),
    };
    mockApi([['GET', '/api/v1/catalogue/titles/1', { body: anonymous }]]);
    renderAt('/portal/titles/1');
    expect(await screen.findByText('2 libraries · 1 available now')).toBeTruthy();
    expect(
      await screen.findByText(/Sign in to see the libraries you are checked in at/),
    ).toBeTruthy();
    expect(screen.queryByText('Checked in')).toBeNull();
    expect(screen.queryByText('Not checked in yet')).toBeNull();
    expect(screen.getByText('Tongyeong somewhere 2')).toBeTruthy();
    expect(screen.getByText('0 of 1 available')).toBeTruthy();
  });

  it('comes back to the title after signing in from it', async () => {
    let signedIn = false;
    mockApi([
      ['GET', '/api/v1/me', () => (signedIn ? { body: member } : unauthenticated)],
      [
        'POST',
        '/api/v1/members/sign-in',
        () => {
          signedIn = true;
          return { body: { csrfToken: 'member-csrf' } };
        },
      ],
      [
        'GET',
        '/api/v1/catalogue/titles/1',
        () => ({
          body: signedIn ? detail : { ...detail, holdings: detail.holdings.map(anonymously) },
        }),
      ],
    ]);
    renderAt('/portal/titles/1');
    const note = await screen.findByText(/로그인하면 반입 등록된 도서관이 먼저 나오고/);
    fireEvent.click(within(note).getByRole('link', { name: '로그인' }));
    fireEvent.change(await screen.findByLabelText(/카드 번호/), {
      target: { value: member.card!.number },
    });
    fireEvent.change(screen.getByLabelText('비밀번호'), { target: { value: 'password-1' } });
    fireEvent.submit(screen.getByLabelText('비밀번호').closest('form')!);
    expect(await screen.findByText('이 도서관에서 바로 빌릴 수 있습니다.')).toBeTruthy();
    expect(window.location.pathname).toBe('/portal/titles/1');
  });

  it("offers an inter-library request only to the member's libraries without the title (there it is borrowed or held)", async () => {
    const elsewhere: TitleDetail = {
      ...detail,
      holdings: [
        { ...detail.holdings[0]!, copies: 2, available: 0 },
        { ...detail.holdings[1]!, copies: 1, available: 1 },
      ],
    };
    const namhae = {
      id: 9,
      nameKo: '남해군화전도서관',
      nameEn: 'Namhae Hwajeon Library',
      phone: null,
    };
    const holders = (libraries: unknown[]): Routes[number] => [
      'GET',
      '/api/v1/me/data-holders',
      { body: { libraries } },
    ];
    const mine = { id: yonam.id, nameKo: yonam.nameKo, nameEn: yonam.nameEn, phone: yonam.phone };
    mockApi([
      ['GET', '/api/v1/me', { body: member }],
      ['GET', '/api/v1/catalogue/titles/1', { body: elsewhere }],
      holders([mine, namhae]),
      ...nothingOpen,
    ]);
    const view = renderAt('/portal/titles/1');
    const pickup = (await screen.findByLabelText('받을 도서관')) as HTMLSelectElement;
    expect([...pickup.options].map((o) => o.textContent)).toEqual(['남해군화전도서관']);
    // Inside the holdings (h2), beside the regions (h3): the outline a screen reader walks.
    expect(screen.getByRole('heading', { name: '상호대차 신청', level: 3 })).toBeTruthy();
    view.unmount();

    // Every library of the member holds it: no request to offer (REQUEST_HELD_HERE on submit).
    const calls = mockApi([
      ['GET', '/api/v1/me', { body: member }],
      ['GET', '/api/v1/catalogue/titles/1', { body: elsewhere }],
      holders([mine]),
      ...nothingOpen,
    ]);
    renderAt('/portal/titles/1');
    expect(await screen.findByRole('heading', { level: 1, name: '바다의 노래' })).toBeTruthy();
    await waitFor(() => expect(calls.some((c) => c.path === '/api/v1/me/data-holders')).toBe(true));
    await waitFor(() => expect(screen.queryByText('불러오는 중…')).toBeNull());
    expect(screen.queryByRole('heading', { name: '상호대차 신청' })).toBeNull();
  });

  it("lists the libraries of the member's own region first, then the others", async () => {
    const seobu = {
      ...yonam,
      id: 2,
      code: 'jinju-seobu-library',
      nameKo: '진주시립서부도서관',
      nameEn: 'Jinju Seobu Library',
    };
    const nearAndFar: TitleDetail = {
      ...detail,
      // As the server orders them: the one with a copy on the shelf first.
      holdings: [
        { ...detail.holdings[1]!, copies: 1, available: 1 },
        {
          ...holding(seobu, 1, 0, { checkedIn: false }),
          library: { ...detail.holdings[1]!.library, ...holding(seobu, 1, 0).library },
        },
      ],
    };
    mockApi([
      ['GET', '/api/v1/me', { body: member }],
      ['GET', '/api/v1/catalogue/titles/1', { body: nearAndFar }],
      ['GET', '/api/v1/libraries', { body: { libraries: [yonam, tongyeong, seobu] } }],
      ['GET', '/api/v1/me/data-holders', { body: { libraries: [] } }],
      ...nothingOpen,
    ]);
    renderAt('/portal/titles/1');
    // The member's home is Jinju Yonam: Jinju's libraries before Tongyeong's.
    await waitFor(() =>
      expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(
        expect.arrayContaining(['진주시', '통영시']),
      ),
    );
    const regions = screen
      .getAllByRole('heading', { level: 3 })
      .map((h) => h.textContent)
      .filter((name) => name === '진주시' || name === '통영시');
    expect(regions).toEqual(['진주시', '통영시']);
  });

  it('shows the copy a request took as no longer on the shelf, without reloading the page', async () => {
    const namhae = {
      id: 9,
      nameKo: '남해군화전도서관',
      nameEn: 'Namhae Hwajeon Library',
      phone: null,
    };
    const onShelf: TitleDetail = {
      ...detail,
      holdings: [{ ...detail.holdings[1]!, copies: 1, available: 1 }],
    };
    let requested = false;
    mockApi([
      ['GET', '/api/v1/me', { body: member }],
      [
        'GET',
        '/api/v1/catalogue/titles/1',
        () => ({
          body: requested
            ? { ...onShelf, holdings: [{ ...onShelf.holdings[0]!, available: 0 }] }
            : onShelf,
        }),
      ],
      ['GET', '/api/v1/me/data-holders', { body: { libraries: [namhae] } }],
      ...nothingOpen,
      [
        'POST',
        '/api/v1/me/requests',
        () => {
          requested = true;
          return {
            status: 201,
            body: interLibraryRequest({
              pickupLibrary: namhae,
              lendingLibrary: onShelf.holdings[0]!.library,
            }),
          };
        },
      ],
    ]);
    renderAt('/portal/titles/1');
    const card = () => document.querySelector('.library-list li')!;
    await screen.findByLabelText('받을 도서관');
    expect(card().textContent).toContain('1권 중 1권 대출 가능');
    fireEvent.click(screen.getByRole('button', { name: '상호대차 신청' }));
    const said = await screen.findByText(/보냅니다\. 도착하면 알려 드립니다\./);
    await waitFor(() => expect(card().textContent).toContain('1권 중 0권 대출 가능'));
    // The page kept its place: the answer is still said.
    expect(said.isConnected).toBe(true);
  });

  it('tells a suspended member, before any tap, when a request can be made; no form to be refused', async () => {
    const elsewhere: TitleDetail = {
      ...detail,
      holdings: [
        { ...detail.holdings[0]!, copies: 2, available: 0 },
        { ...detail.holdings[1]!, copies: 1, available: 1 },
      ],
    };
    const suspended = {
      ...emptyStatus,
      suspension: { until: '2026-12-11', resumesOn: '2026-12-12', cause: null },
    };
    const namhae = { id: 9, nameKo: '남해군화전도서관', nameEn: 'Namhae Hwajeon Library' };
    const calls = mockApi([
      ['GET', '/api/v1/me', { body: member }],
      ['GET', '/api/v1/catalogue/titles/1', { body: elsewhere }],
      ['GET', '/api/v1/me/data-holders', { body: { libraries: [{ ...namhae, phone: null }] } }],
      ['GET', '/api/v1/me/loans', { body: suspended }],
      ...nothingOpen,
    ]);
    renderAt('/portal/titles/1');
    expect(
      await screen.findByText(
        /대출 정지 중이라 지금은 신청할 수 없습니다\. 2026년 12월 12일 \(토\)부터 신청할 수 있습니다\./,
      ),
    ).toBeTruthy();
    expect(screen.queryByLabelText('받을 도서관')).toBeNull();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('says a hold or a request the member has of the title, instead of offering another', async () => {
    const allOut: TitleDetail = {
      ...detail,
      holdings: [
        { ...detail.holdings[0]!, copies: 2, available: 0 },
        { ...detail.holdings[1]!, copies: 1, available: 1 },
      ],
    };
    const library = { id: yonam.id, nameKo: yonam.nameKo, nameEn: yonam.nameEn };
    const hold = {
      id: 5,
      state: 'waiting',
      recordId: 1,
      title: '바다의 노래',
      author: null,
      library,
      placedAt: '2026-12-01T01:00:00.000Z',
      position: 2,
      pickupUntil: null,
      itemBarcode: null,
    };
    const request = interLibraryRequest({ pickupLibrary: library });
    mockApi([
      ['GET', '/api/v1/me', { body: member }],
      ['GET', '/api/v1/catalogue/titles/1', { body: allOut }],
      [
        'GET',
        '/api/v1/me/data-holders',
        {
          body: {
            libraries: [
              { ...library, phone: null },
              { id: 9, nameKo: '남해군화전도서관', nameEn: 'Namhae Hwajeon Library', phone: null },
            ],
          },
        },
      ],
      ['GET', '/api/v1/me/holds', { body: { holds: [hold] } }],
      ['GET', '/api/v1/me/requests', { body: { requests: [request] } }],
    ]);
    renderAt('/portal/titles/1');
    expect(
      await screen.findByText(/이 도서관에 예약한 책입니다\. 2번째로 기다리고 있습니다\./),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: '예약' })).toBeNull();
    expect(
      await screen.findByText(/이미 상호대차를 신청한 책입니다 \(진주시립연암도서관에서 받음\)/),
    ).toBeTruthy();
    expect(screen.queryByLabelText('받을 도서관')).toBeNull();
  });

  it('offers no second hold of a title the member already waits for at another library', async () => {
    const allOut: TitleDetail = {
      ...detail,
      holdings: [{ ...detail.holdings[0]!, copies: 2, available: 0 }, detail.holdings[1]!],
    };
    const atTongyeong = {
      id: 6,
      state: 'waiting',
      recordId: 1,
      title: '바다의 노래',
      author: null,
      library: { id: tongyeong.id, nameKo: tongyeong.nameKo, nameEn: tongyeong.nameEn },
      placedAt: '2026-12-01T01:00:00.000Z',
      position: 1,
      pickupUntil: null,
      itemBarcode: null,
    };
    mockApi([
      ['GET', '/api/v1/me', { body: member }],
      ['GET', '/api/v1/catalogue/titles/1', { body: allOut }],
      ['GET', '/api/v1/me/holds', { body: { holds: [atTongyeong] } }],
      ['GET', '/api/v1/me/requests', { body: { requests: [] } }],
    ]);
    renderAt('/portal/titles/1');
    const jinju = within(await screen.findByRole('region', { name: '진주시' }));
    expect(
      await jinju.findByText(
        '이 책은 이미 통영시립도서관에서 기다리고 있어 여기서 또 예약할 수 없습니다.',
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: '예약' })).toBeNull();
  });

  it('asks for a title once the session is known: a member opening its address is not shown the anonymous page first', async () => {
    const calls = mockApi([
      ['GET', '/api/v1/me', { body: member }],
      ['GET', '/api/v1/catalogue/titles/1', { body: detail }],
      ...nothingOpen,
    ]);
    // The member's own record is held back: the session is still being checked.
    const answered = globalThis.fetch;
    let release = () => {};
    const memberRead = new Promise<void>((resolve) => {
      release = resolve;
    });
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = new URL(String(input), 'http://localhost').pathname;
      asked.push(path);
      if (path === '/api/v1/me') await memberRead;
      return answered(input, init);
    });
    const titleAsked = () => calls.filter((c) => c.path === '/api/v1/catalogue/titles/1').length;
    renderAt('/portal/titles/1');
    await waitFor(() => expect(asked).toContain('/api/v1/me'));
    expect(titleAsked()).toBe(0);
    expect(screen.queryByRole('region', { name: '진주시' })).toBeNull();
    release();
    expect(await screen.findByRole('region', { name: '진주시' })).toBeTruthy();
    expect(titleAsked()).toBe(1);
  });

  it('does not promise a book at once where every copy is out: a hold instead', async () => {
    setCsrfToken('member-csrf');
    mockApi([
      ['GET', '/api/v1/me', { body: member }],
      ['GET', '/api/v1/catalogue/titles/1', { body: allOut }],
      ['POST', '/api/v1/me/holds', { status: 201, body: { id: 8, position: 2 } }],
    ]);
    renderAt('/portal/titles/1');
    const jinju = within(await screen.findByRole('region', { name: '진주시' }));
    expect(jinju.queryByText('이 도서관에서 바로 빌릴 수 있습니다.')).toBeNull();
    expect(
      jinju.getByText(
        '이 도서관에서 빌릴 수 있지만 지금은 모두 대출 중입니다. 예약하면 돌아오는 책을 보관해 드립니다.',
      ),
    ).toBeTruthy();
    fireEvent.click(jinju.getByRole('button', { name: '예약' }));
    expect(await jinju.findByText(/예약되었습니다. 2번째로 기다립니다./)).toBeTruthy();
    // Placed: the answer stays and the button goes (a second press could only be a duplicate).
    expect(jinju.queryByRole('button', { name: '예약' })).toBeNull();
  });

  it('where the member already waits for the title, does not offer the hold again in words', async () => {
    const waiting = {
      id: 4,
      state: 'waiting',
      recordId: 1,
      position: 2,
      library: { id: yonam.id, nameKo: yonam.nameKo, nameEn: yonam.nameEn },
    };
    mockApi([
      ['GET', '/api/v1/me', { body: member }],
      ['GET', '/api/v1/catalogue/titles/1', { body: allOut }],
      ['GET', '/api/v1/me/holds', { body: { holds: [waiting] } }],
      ['GET', '/api/v1/me/requests', { body: { requests: [] } }],
    ]);
    renderAt('/portal/titles/1');
    const jinju = within(await screen.findByRole('region', { name: '진주시' }));
    expect(
      await jinju.findByText('이 도서관에 예약한 책입니다. 2번째로 기다리고 있습니다.', {
        exact: false,
      }),
    ).toBeTruthy();
    expect(jinju.getByText('이 도서관에서 빌릴 수 있지만 지금은 모두 대출 중입니다.')).toBeTruthy();
    expect(jinju.queryByText(/예약하면 돌아오는 책을 보관해 드립니다/)).toBeNull();
  });

  it('says so when the title is unknown', async () => {
    mockApi([]);
    renderAt('/portal/titles/999');
    expect(await screen.findByText('요청한 항목을 찾을 수 없습니다.')).toBeTruthy();
    expect(
      screen.getByRole('heading', { level: 1, name: '이 자료를 보여 드릴 수 없습니다' }),
    ).toBeTruthy();
  });

  it('an address the portal has no page for says so, with ways on, instead of another page', async () => {
    mockApi([]);
    renderAt('/portal/nothing-here');
    expect(
      await screen.findByRole('heading', { level: 1, name: '페이지를 찾을 수 없습니다' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: '책 찾기' }).getAttribute('href')).toBe(
      '/portal/search',
    );
    await waitFor(() =>
      expect(document.title).toBe('페이지를 찾을 수 없습니다 · 책이음 Library One'),
    );
  });
});
