// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/api-mock';
import { catalogueTitle, deskStaff, holding, tongyeong, yonam } from '../test/fixtures';
import { renderAt, resetBetweenTests } from '../test/render';

describe('desk: the catalogue search with call numbers', () => {
  resetBetweenTests();

  it('shows this library’s call numbers first, the other libraries folded', async () => {
    const calls = mockApi([
      ['GET', '/api/v1/staff/me', { body: deskStaff }],
      ['GET', '/api/v1/libraries/3', { body: { library: yonam, holidays: [] } }],
      [
        'GET',
        '/api/v1/catalogue',
        {
          body: {
            titles: [
              catalogueTitle(1, '바다의 노래', [
                holding(tongyeong, 1, 1, { callNumbers: ['813.7-한12ㅂ'] }),
                holding(yonam, 2, 1, { callNumbers: ['813.7-한12ㅂ', '813.7-한12ㅂ c.2'] }),
              ]),
              catalogueTitle(2, '섬의 시간', [holding(tongyeong, 1, 0, { callNumbers: [] })]),
              // Held by 12 libraries, the first 2 listed (as a search answers at most a few).
              catalogueTitle(
                3,
                '구름빵',
                [
                  holding(tongyeong, 2, 1, { callNumbers: ['813.8-백94ㄱ'] }),
                  holding(yonam, 1, 1, { callNumbers: ['813.8-백94ㄱ'] }),
                ],
                { libraryCount: 12 },
              ),
            ],
            nextCursor: null,
          },
        },
      ],
    ]);
    renderAt('/desk/search');
    const box = await screen.findByRole('searchbox', { name: '책 찾기' });
    fireEvent.change(box, { target: { value: '바다' } });
    fireEvent.submit(box.closest('form')!);
    const table = within(await screen.findByRole('table'));
    const [, first, second] = table.getAllByRole('row');
    const here = within(first!);
    expect(here.getByText('바다의 노래')).toBeTruthy();
    expect(here.getByText('2권 중 1권 대출 가능')).toBeTruthy();
    expect(here.getByText('813.7-한12ㅂ c.2')).toBeTruthy();
    expect(here.getByText('1곳 · 대출 가능 1권')).toBeTruthy();
    expect(within(second!).getByText('이 도서관에는 없습니다.')).toBeTruthy();
    // What the summary counts is what it lists; the other ten are a link away.
    const third = within(table.getAllByRole('row')[3]!);
    expect(third.getByText('1곳 · 대출 가능 1권')).toBeTruthy();
    expect(third.getByRole('link', { name: '외 10곳 · 모든 소장 도서관 보기' })).toBeTruthy();

    fireEvent.click(screen.getByLabelText('이 도서관 소장 자료만'));
    await waitFor(() =>
      expect(calls.filter((c) => c.path.startsWith('/api/v1/catalogue?')).at(-1)?.path).toMatch(
        /library=3/,
      ),
    );
    // The desk's nav names the search with its function key.
    expect(screen.getByRole('link', { name: /자료 찾기/ }).getAttribute('aria-keyshortcuts')).toBe(
      'F3',
    );
  });
});
