// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/api-mock';
import { deskStaff, yonam } from '../test/fixtures';
import { renderAt, resetBetweenTests } from '../test/render';

const cancelledCopy = {
  itemId: 41,
  itemBarcode: 'YN-041',
  title: '취소된 예약의 책',
  callNumber: '813.7-김',
  reason: 'cancelled',
  releasedAt: '2026-12-02T01:00:00.000Z',
};
const uncollectedCopy = {
  itemId: 52,
  itemBarcode: 'YN-052',
  title: '찾아가지 않은 책',
  callNumber: null,
  reason: 'expired',
  releasedAt: '2026-12-03T01:00:00.000Z',
};

describe('desk: the hold shelf’s put-back list', () => {
  resetBetweenTests();

  it('says which copies to take off the hold shelf and why, and drops one the desk shelved', async () => {
    let putBack = [cancelledCopy, uncollectedCopy];
    const calls = mockApi([
      ['GET', '/api/v1/staff/me', { body: deskStaff }],
      ['GET', '/api/v1/libraries/3', { body: { library: yonam, holidays: [] } }],
      ['GET', '/api/v1/hold-shelf', () => ({ body: { holds: [], putBack } })],
      ['GET', '/api/v1/requests/lists/ready', { body: { requests: [] } }],
      [
        'POST',
        '/api/v1/hold-shelf/put-back/41',
        () => {
          putBack = putBack.filter((copy) => copy.itemId !== 41);
          return { status: 204 };
        },
      ],
    ]);
    renderAt('/desk/holds');
    const section = (await screen.findByRole('heading', { name: '서가로 돌려놓을 책' }))
      .parentElement!;
    const rows = () =>
      within(section)
        .getAllByRole('row')
        .slice(1)
        .map((row) => row.textContent);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows()[0]).toContain('YN-041');
    expect(rows()[0]).toContain('813.7-김');
    expect(rows()[0]).toContain('예약 취소');
    expect(rows()[1]).toContain('기한 안에 찾아가지 않음');
    fireEvent.click(
      within(section).getByRole('button', { name: '《취소된 예약의 책》 서가에 꽂았음' }),
    );
    await within(section).findByText('《취소된 예약의 책》을 목록에서 뺐습니다.');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]).toContain('YN-052');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([
      '/api/v1/hold-shelf/put-back/41',
    ]);
  });
});
