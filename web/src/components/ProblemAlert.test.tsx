// @vitest-environment happy-dom
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { RouterProvider } from '../router';
import { resetBetweenTests } from '../test/render';
import { ProblemAlert } from './ProblemAlert';

/** An item scan refused with one ITEM_UNKNOWN reason: its sentence and facts, as the API sends them. */
function unknownItem(detail: string, params: Record<string, string>) {
  render(
    <ProblemAlert
      problem={{
        status: 404,
        code: 'ITEM_UNKNOWN',
        detail,
        reasons: [{ code: 'ITEM_UNKNOWN', detail, params }],
      }}
    />,
  );
  return screen.getByRole('alert').textContent;
}

describe('ProblemAlert', () => {
  resetBetweenTests();

  it('shows every reason as a sentence with its code, and what to do next once per code', () => {
    render(
      <ProblemAlert
        large
        title="대출할 수 없습니다"
        problem={{
          status: 422,
          code: 'MEMBER_HAS_OVERDUE',
          detail: 'A',
          reasons: [
            {
              code: 'MEMBER_HAS_OVERDUE',
              detail: '진주시립연암도서관에서 빌린 자료가 연체 중입니다.',
            },
            { code: 'MEMBER_HAS_OVERDUE', detail: '통영시립도서관에서 빌린 자료가 연체 중입니다.' },
            { code: 'ITEM_ON_LOAN', detail: '이미 대출 중인 자료입니다.' },
          ],
        }}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.className).toContain('problem-large');
    expect(alert.textContent).toContain('대출할 수 없습니다');
    expect(screen.getAllByRole('listitem')).toHaveLength(3);
    expect(alert.textContent).toContain('통영시립도서관에서 빌린 자료가 연체 중입니다.');
    expect(screen.getAllByText('MEMBER_HAS_OVERDUE')).toHaveLength(2);
    expect(screen.getByText('ITEM_ON_LOAN')).toBeTruthy();
    // The advice for the overdue code appears once, not after each of its reasons.
    expect(screen.getAllByText(/빌린 도서관에 반납하면 다시 빌릴 수 있습니다/)).toHaveLength(1);
    expect(screen.getByText(/'반납'\(F4\)에서 먼저 반납한 뒤/)).toBeTruthy();
  });

  it('at a desk registering someone already known: advice for staff, not "sign in"', () => {
    const duplicate = (params: Record<string, unknown>) => ({
      status: 409,
      code: 'DUPLICATE_MEMBER',
      detail: 'A',
      reasons: [{ code: 'DUPLICATE_MEMBER', detail: '…', params }],
    });
    const { rerender } = render(
      <ProblemAlert
        problem={duplicate({
          existing: 'pending',
          homeLibrary: '경남대표도서관',
          verifyAt: 'home',
        })}
      />,
    );
    expect(screen.getByText(/가입 확인은 소속 도서관에서만 합니다/)).toBeTruthy();
    expect(screen.queryByText(/로그인하거나/)).toBeNull();
    rerender(
      <ProblemAlert
        problem={duplicate({
          existing: 'pending',
          homeLibrary: '경남대표도서관',
          verifyAt: 'here',
        })}
      />,
    );
    expect(screen.getByText(/'가입 확인'\(F9\)에서 전화번호로 찾아/)).toBeTruthy();
    rerender(<ProblemAlert problem={duplicate({ existing: 'member' })} />);
    expect(screen.getByText(/이 도서관에 반입 등록하세요/)).toBeTruthy();
  });

  it('a card scanned where the book goes: asks for the book, not for the scan again', () => {
    const alert = unknownItem('책이 아니라 회원증을 스캔했습니다.', { scanned: 'card' });
    expect(alert).toContain('책에 붙은 바코드를 스캔해 주세요.');
    expect(alert).not.toContain('바코드를 다시 스캔해 주세요.');
  });

  it('too many cards of other libraries looked up: why there is a limit, not "search again"', () => {
    const detail = '이 도서관에 등록되지 않은 회원의 카드를 한 시간에 60번 넘게 조회해 …';
    render(
      <ProblemAlert
        problem={{
          status: 429,
          code: 'RATE_LIMITED',
          detail,
          reasons: [{ code: 'RATE_LIMITED', detail, params: { limited: 'cardLookups' } }],
        }}
      />,
    );
    const alert = screen.getByRole('alert').textContent;
    expect(alert).toContain('카드 번호를 잇달아 조회해 이름을 모으는 일을 막습니다');
    expect(alert).not.toContain('다시 검색해 주세요');
  });

  it("this library's copy scanned to send with no request: the shelf, not the scan again", () => {
    const alert = unknownItem('상호대차 신청이 없는 이 도서관의 자료입니다: 《소년이 온다》.', {
      title: '소년이 온다',
      request: 'none',
    });
    expect(alert).toContain('보내지 말고 이 도서관의 서가에 두세요.');
  });

  it('another copy of a requested title scanned to send: find the one on the list', () => {
    const alert = unknownItem(
      '《소년이 온다》의 상호대차 신청에는 다른 자료가 정해져 있습니다: JSL0000070.',
      { title: '소년이 온다', request: 'otherCopy', requestedCopy: 'JSL0000070' },
    );
    expect(alert).toContain('목록에 적힌 등록번호의 자료를 찾아');
  });

  it('a barcode on copies of several libraries: read the label, not scan again', () => {
    const alert = unknownItem(
      '이 도서관의 자료가 아닙니다. 이 바코드의 자료는 2곳에 있습니다: 통영시립도서관, 통영시립충무도서관.',
      { owners: '통영시립도서관, 통영시립충무도서관', libraries: '2' },
    );
    expect(alert).toContain('책에 적힌 도서관 이름을 보고 그 도서관으로 보내세요.');
    expect(alert).not.toContain('바코드를 다시 스캔해 주세요.');
  });

  it('says a refusal again in the language the reader switches to, sentence and advice alike', async () => {
    const ko = '2026년 12월 20일 (일)까지 모든 도서관에서 대출이 정지되어 있습니다.';
    const en = 'Borrowing is suspended at every library until Sun 20 December 2026.';
    render(
      <ProblemAlert
        problem={{
          status: 422,
          code: 'MEMBER_SUSPENDED',
          detail: ko,
          reasons: [{ code: 'MEMBER_SUSPENDED', detail: ko, sentences: { ko, en } }],
        }}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain(ko);
    await act(() => i18n.changeLanguage('en'));
    expect(alert.textContent).toContain(en);
    expect(alert.textContent).not.toContain(ko);
    expect(alert.textContent).toContain('No library can lend until the suspension ends.');
  });

  it('renders nothing without a problem', () => {
    const { container } = render(<ProblemAlert problem={undefined} />);
    expect(container.innerHTML).toBe('');
  });

  it('shows "applied, answer lost" as done, not as a refusal: no alert, no title, no code', () => {
    render(
      <ProblemAlert
        large
        title="반납할 수 없습니다"
        problem={{
          status: 409,
          code: 'CONFLICT',
          detail: '이 요청은 이미 처리되었습니다. 서비스가 멈추면서 그 응답만 전해지지 않았습니다.',
          reasons: [
            {
              code: 'CONFLICT',
              detail:
                '이 요청은 이미 처리되었습니다. 서비스가 멈추면서 그 응답만 전해지지 않았습니다.',
              params: { state: 'applied', id: 12 },
            },
          ],
        }}
      />,
    );
    expect(screen.queryByRole('alert')).toBeNull();
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('이 요청은 이미 처리되었습니다');
    expect(status.textContent).toContain('새로 불러오면');
    expect(status.textContent).not.toContain('반납할 수 없습니다');
    expect(status.textContent).not.toContain('CONFLICT');
  });
  it('gives staff the advice written for them, and members theirs', () => {
    const duplicateHold = {
      status: 409,
      code: 'HOLD_DUPLICATE',
      detail: '이미 예약한 자료입니다.',
      reasons: [{ code: 'HOLD_DUPLICATE', detail: '이미 예약한 자료입니다.' }],
    };
    const adviceAt = (path: string) => {
      window.history.replaceState(null, '', path);
      const { unmount } = render(
        <RouterProvider>
          <ProblemAlert problem={duplicateHold} />
        </RouterProvider>,
      );
      const text = screen.getByRole('alert').textContent;
      unmount();
      return text;
    };
    expect(adviceAt('/desk')).toContain('이 회원이 이미 예약했거나 지금 빌리고 있는 자료입니다');
    expect(adviceAt('/desk')).not.toContain("'예약' 탭");
    expect(adviceAt('/portal')).toContain("'대출', '예약', '상호대차' 탭에서 확인할 수 있습니다");
  });
});
