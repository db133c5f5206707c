// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setCsrfToken } from '../api/client';
import type { Hold } from '../api/types';
import { mockApi, problem, type Routes } from '../test/api-mock';
import { interLibraryRequest, member, tongyeong, yonam } from '../test/fixtures';
import { renderAt, resetBetweenTests } from '../test/render';

const hold: Hold = {
  id: 5,
  state: 'waiting',
  recordId: 41,
  title: '작별하지 않는다',
  author: '한강',
  library: { id: yonam.id, nameKo: yonam.nameKo, nameEn: yonam.nameEn },
  placedAt: '2026-12-01T01:00:00.000Z',
  position: 2,
  pickupUntil: null,
  itemBarcode: null,
};

const request = interLibraryRequest({ recordId: 43, title: '소년이 온다', author: '한강' });

const memberRoutes: Routes = [
  ['GET', '/api/v1/me', { body: member }],
  ['GET', '/api/v1/libraries', { body: { libraries: [yonam, tongyeong] } }],
];

describe('portal: a member cancels a hold or a request of theirs', () => {
  resetBetweenTests();

  it('asks first, cancels the hold under a key, says so and shows the list without it', async () => {
    setCsrfToken('member-csrf');
    let cancelled = false;
    const calls = mockApi([
      ...memberRoutes,
      ['GET', '/api/v1/me/holds', () => ({ body: { holds: cancelled ? [] : [hold] } })],
      [
        'POST',
        '/api/v1/me/holds/5/cancellation',
        () => {
          cancelled = true;
          return { body: { ...hold, state: 'cancelled', position: null } };
        },
      ],
    ]);
    renderAt('/portal/me/holds');
    fireEvent.click(await screen.findByRole('button', { name: '예약 취소: 작별하지 않는다' }));
    expect(screen.getByText('《작별하지 않는다》 예약을 취소할까요?')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    const yes = screen.getByRole('button', { name: '예, 취소합니다' });
    yes.focus();
    fireEvent.click(yes);
    const said = await screen.findByText('《작별하지 않는다》 예약을 취소했습니다.');
    // The button went away with the hold: the sentence has the keyboard, not the page.
    await waitFor(() => expect(document.activeElement).toBe(said));
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts.map((c) => c.path)).toEqual(['/api/v1/me/holds/5/cancellation']);
    expect(posts[0]!.headers['idempotency-key']).toMatch(/\S{16,}/);
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: '예약 취소: 작별하지 않는다' })).toBeNull(),
    );
  });

  it('takes the keyboard to the question, and back to the button on "go back"', async () => {
    setCsrfToken('member-csrf');
    mockApi([...memberRoutes, ['GET', '/api/v1/me/holds', { body: { holds: [hold] } }]]);
    renderAt('/portal/me/holds');
    const button = await screen.findByRole('button', { name: '예약 취소: 작별하지 않는다' });
    button.focus();
    fireEvent.click(button);
    const question = screen.getByRole('group', { name: '《작별하지 않는다》 예약을 취소할까요?' });
    await waitFor(() => expect(document.activeElement).toBe(question));
    const back = screen.getByRole('button', { name: '돌아가기' });
    back.focus();
    fireEvent.click(back);
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('button', { name: '예약 취소: 작별하지 않는다' }),
      ),
    );
  });

  it('lists ended requests under their own heading, after the open ones, with nothing to cancel', async () => {
    mockApi([
      ...memberRoutes,
      [
        'GET',
        '/api/v1/me/requests',
        {
          body: {
            requests: [
              { ...request, id: 11, title: '흰', status: 'cancelled' },
              request,
              { ...request, id: 12, title: '채식주의자', status: 'returned' },
            ],
          },
        },
      ],
    ]);
    renderAt('/portal/me/requests');
    await screen.findByRole('button', { name: '신청 취소: 소년이 온다' });
    const ended = screen.getByRole('region', { name: '끝난 상호대차' });
    expect(
      within(ended)
        .getAllByRole('listitem')
        .map((item) => item.querySelector('.loan-title')?.textContent),
    ).toEqual(['흰 취소됨', '채식주의자 반납됨']);
    expect(within(ended).queryAllByRole('button')).toEqual([]);
    const open = screen.getByRole('region', { name: '내 상호대차' });
    expect(within(open).queryByText('흰')).toBeNull();
  });

  it('cancels a request; a refusal is said, and the request stays with its question open', async () => {
    setCsrfToken('member-csrf');
    const calls = mockApi([
      ...memberRoutes,
      ['GET', '/api/v1/me/requests', { body: { requests: [request] } }],
      [
        'POST',
        '/api/v1/me/requests/9/cancellation',
        problem(409, [{ code: 'CONFLICT', detail: '요청이 현재 상태와 맞지 않습니다.' }]),
      ],
    ]);
    renderAt('/portal/me/requests');
    fireEvent.click(await screen.findByRole('button', { name: '신청 취소: 소년이 온다' }));
    expect(screen.getByText('《소년이 온다》 상호대차 신청을 취소할까요?')).toBeTruthy();
    // "Yes" and "go back" — never two buttons both called "cancel".
    expect(screen.queryByRole('button', { name: '취소' })).toBeNull();
    expect(screen.getByRole('button', { name: '돌아가기' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '예, 신청을 취소합니다' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      '요청이 현재 상태와 맞지 않습니다.',
    );
    expect(screen.queryByText('《소년이 온다》 신청을 취소했습니다.')).toBeNull();
    // The request stays, with the question still open: the member may try again or back out.
    expect(screen.getByText('《소년이 온다》 상호대차 신청을 취소할까요?')).toBeTruthy();
    expect(screen.getByRole('button', { name: '예, 신청을 취소합니다' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '돌아가기' }));
    expect(screen.queryByText('《소년이 온다》 상호대차 신청을 취소할까요?')).toBeNull();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([
      '/api/v1/me/requests/9/cancellation',
    ]);
  });
});
