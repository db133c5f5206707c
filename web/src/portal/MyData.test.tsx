// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/api-mock';
import { catchDownloads } from '../test/downloads';
import { emptyStatus, member, openLoanAtYonam, yonam } from '../test/fixtures';
import { renderAt, resetBetweenTests } from '../test/render';

/** A past loan of the member's history, numbered. */
const pastLoan = (n: number) => ({
  loanId: n,
  title: `책 ${n}`,
  author: null,
  library: { id: 3, nameKo: yonam.nameKo, nameEn: yonam.nameEn },
  loanDay: '2026-10-01',
  dueDate: '2026-10-15',
  returnDay: '2026-10-10',
  daysLate: 0,
});

describe('portal: downloading my data', () => {
  resetBetweenTests();

  it('saves everything the member’s pages show as one file, every page of the history read', async () => {
    const history = Array.from({ length: 230 }, (_, i) => pastLoan(i + 1));
    const calls = mockApi([
      ['GET', '/api/v1/me', { body: member }],
      ['GET', '/api/v1/me/loans', { body: { ...emptyStatus, openLoans: [openLoanAtYonam] } }],
      ['GET', '/api/v1/me/data-holders', { body: { libraries: [yonam] } }],
      ['GET', '/api/v1/me/holds', { body: { holds: [{ id: 1, state: 'waiting' }] } }],
      ['GET', '/api/v1/me/requests', { body: { requests: [] } }],
      ['GET', '/api/v1/me/notice-preferences', { body: { email: true } }],
      [
        'GET',
        /^\/api\/v1\/me\/loan-history/,
        (request) => {
          const query = new URLSearchParams(request.path.split('?')[1]);
          const offset = Number(query.get('offset') ?? 0);
          const limit = Number(query.get('limit'));
          return { body: { enabled: true, loans: history.slice(offset, offset + limit) } };
        },
      ],
      ['GET', /^\/api\/v1\/me\/notices/, { body: { notices: [{ id: 9, kind: 'due_soon' }] } }],
    ]);
    const downloads = catchDownloads();
    renderAt('/portal/me/account');
    fireEvent.click(await screen.findByRole('button', { name: '내 정보 내려받기' }));
    const said = await screen.findByText('내 정보를 파일로 내려받았습니다.');
    expect(said.getAttribute('role')).toBe('status');
    await waitFor(() => expect(document.activeElement).toBe(said));
    downloads.stop();
    expect(downloads.saved).toHaveLength(1);
    expect(downloads.saved[0]!.name).toMatch(/^library-one-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(await downloads.saved[0]!.blob.text());
    expect(file.member.name).toBe(member.name);
    expect(file.librariesHoldingMyData).toEqual([yonam]);
    expect(file.currentLoans.openLoans).toEqual([openLoanAtYonam]);
    expect(file.holds).toEqual([{ id: 1, state: 'waiting' }]);
    expect(file.noticesSent).toEqual([{ id: 9, kind: 'due_soon' }]);
    // 230 past loans, in two pages of 200 and 30: all of them, each once.
    expect(file.loanHistory.kept).toBe(true);
    expect(file.loanHistory.loans.map((l: { loanId: number }) => l.loanId)).toEqual(
      history.map((l) => l.loanId),
    );
    expect(calls.filter((c) => c.path.startsWith('/api/v1/me/loan-history'))).toHaveLength(2);
  });
});
