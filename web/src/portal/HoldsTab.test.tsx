// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Hold } from '../api/types';
import i18n from '../i18n';
import { mockApi, type Routes } from '../test/api-mock';
import { member, yonam } from '../test/fixtures';
import { renderAt, resetBetweenTests } from '../test/render';

// Placed at 08:30 on 7 December in Korea: still 6 December in UTC.
const hold: Hold = {
  id: 7,
  state: 'waiting',
  recordId: 41,
  title: '작별하지 않는다',
  author: '한강',
  library: { id: yonam.id, nameKo: yonam.nameKo, nameEn: yonam.nameEn },
  placedAt: '2026-12-06T23:30:00.000Z',
  position: 1,
  pickupUntil: null,
  itemBarcode: null,
};

const routes: Routes = [
  ['GET', '/api/v1/me', { body: member }],
  ['GET', '/api/v1/libraries', { body: { libraries: [yonam] } }],
  ['GET', '/api/v1/me/holds', { body: { holds: [hold] } }],
];

describe('portal: the holds list', () => {
  resetBetweenTests();

  it('dates a hold placed on a Korean morning by its Korean day (with its weekday, as requests are dated), not the day before in UTC', async () => {
    mockApi(routes);
    renderAt('/portal/me/holds');
    expect(await screen.findByText('2026년 12월 7일 (월)')).toBeTruthy();
    expect(screen.queryByText(/2026년 12월 6일/)).toBeNull();
  });

  it('does the same in English', async () => {
    await i18n.changeLanguage('en');
    mockApi(routes);
    renderAt('/portal/me/holds');
    expect(await screen.findByText('Mon 7 December 2026')).toBeTruthy();
  });
});
