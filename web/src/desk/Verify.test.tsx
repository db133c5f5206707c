// @vitest-environment happy-dom
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/api-mock';
import { deskStaff, member, tongyeong, yonam } from '../test/fixtures';
import { renderAt, resetBetweenTests } from '../test/render';

describe('desk: verifying an online applicant', () => {
  resetBetweenTests();

  it('someone who applied at another library: says where, instead of sending staff to register them', async () => {
    mockApi([
      ['GET', '/api/v1/staff/me', { body: deskStaff }],
      ['GET', '/api/v1/libraries/3', { body: { library: yonam, holidays: [] } }],
      [
        'GET',
        /^\/api\/v1\/members\?/,
        {
          body: {
            members: [],
            appliedAt: [{ id: tongyeong.id, nameKo: tongyeong.nameKo, nameEn: tongyeong.nameEn }],
          },
        },
      ],
    ]);
    renderAt('/desk/verify');
    const phone = await screen.findByLabelText('휴대전화');
    fireEvent.change(phone, { target: { value: '010-2026-0004' } });
    fireEvent.submit(phone.closest('form')!);
    const said = await screen.findByText(/온라인 가입을 신청한 사람이 있습니다/);
    expect(said.textContent).toBe(
      `여기에 등록된 회원은 없습니다. 이 정보로 ${tongyeong.nameKo}에 온라인 가입을 신청한 사람이 있습니다. 가입 확인은 신청한 도서관에서만 할 수 있으니, 신분증을 가지고 그 도서관에 가도록 안내하세요.`,
    );
    expect(screen.queryByText(/회원 등록'으로 바로 가입시키세요/)).toBeNull();
  });
  it('an applicant with an e-mail and no phone: staff see the e-mail to check it', async () => {
    const applicant = {
      ...member,
      id: 77,
      phone: null,
      email: 'jane@example.org',
      status: 'pending' as const,
      card: null,
    };
    mockApi([
      ['GET', '/api/v1/staff/me', { body: deskStaff }],
      ['GET', '/api/v1/libraries/3', { body: { library: yonam, holidays: [] } }],
      ['GET', /^\/api\/v1\/members\?/, { body: { members: [applicant], appliedAt: [] } }],
    ]);
    renderAt('/desk/verify');
    fireEvent.change(await screen.findByLabelText('이름'), { target: { value: member.name } });
    const birth = screen.getByLabelText('생년월일');
    fireEvent.change(birth, { target: { value: '1990-01-01' } });
    fireEvent.submit(birth.closest('form')!);
    expect(await screen.findByText('jane@example.org')).toBeTruthy();
    // The person found is the page's next heading level (h1 → h2), not a jump to h3.
    expect(screen.getByRole('heading', { name: member.name!, level: 2 })).toBeTruthy();
  });
  it('issues the card of an applicant here, and says the member has no self-check PIN yet and where to choose it', async () => {
    const applicant = { ...member, id: 78, status: 'pending' as const, card: null };
    mockApi([
      ['GET', '/api/v1/staff/me', { body: deskStaff }],
      ['GET', '/api/v1/libraries/3', { body: { library: yonam, holidays: [] } }],
      ['GET', /^\/api\/v1\/members\?/, { body: { members: [applicant], appliedAt: [] } }],
      [
        'POST',
        '/api/v1/members/78/verification',
        { body: { ...applicant, status: 'active', card: member.card } },
      ],
    ]);
    renderAt('/desk/verify');
    const phone = await screen.findByLabelText('휴대전화');
    fireEvent.change(phone, { target: { value: '010-5555-0101' } });
    fireEvent.submit(phone.closest('form')!);
    fireEvent.change(await screen.findByLabelText('확인한 신분증'), {
      target: { value: 'passport' },
    });
    fireEvent.click(screen.getByRole('button', { name: '신분증 확인, 카드 발급' }));
    expect(
      await screen.findByText(
        "이 회원은 아직 자가대출기 PIN이 없습니다. 회원이 홈페이지 '내 정보'에서 PIN을 정하면 자가대출기를 쓸 수 있습니다.",
      ),
    ).toBeTruthy();
  });
});
