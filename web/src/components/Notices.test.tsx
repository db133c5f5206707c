// @vitest-environment happy-dom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import '../i18n';
import { RouterProvider } from '../router';
import { mockApi } from '../test/api-mock';
import { resetBetweenTests } from '../test/render';
import { NoticeLogTable } from './Notices';

const library = { id: 3, nameKo: '진주시립연암도서관', nameEn: 'Jinju Yonam Library' };
const notice = (id: number, kind: string, subjectDate: string | null) => ({
  id,
  kind,
  channel: 'email',
  state: 'sent',
  subjectDate,
  library,
  createdAt: '2026-12-01T01:00:00.000Z',
  sentAt: '2026-12-01T01:00:05.000Z',
  attempts: 1,
  reason: null,
});

describe('the notice log', () => {
  resetBetweenTests();

  it('says what each notice’s date is: the pickup deadline, the due date, the last day of a suspension', async () => {
    mockApi([
      [
        'GET',
        '/api/v1/me/notices',
        {
          body: {
            notices: [
              notice(3, 'hold_ready', '2026-12-04'),
              notice(2, 'due_soon', '2026-12-08'),
              notice(1, 'suspension_started', '2026-12-10'),
            ],
          },
        },
      ],
    ]);
    render(
      <RouterProvider>
        <NoticeLogTable owner={{ kind: 'me' }} />
      </RouterProvider>,
    );
    expect(await screen.findByText(/보관 기한 2026년 12월 4일 \(금\)/)).toBeTruthy();
    expect(screen.getByText(/반납 예정일 2026년 12월 8일 \(화\)/)).toBeTruthy();
    expect(screen.getByText(/정지 마지막 날 2026년 12월 10일 \(목\)/)).toBeTruthy();
  });
});
