import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import { ProblemAlert } from '../components/ProblemAlert';
import { saveFile } from '../components/save-file';
import { useFocusWhenLost } from '../focus';
import { useAction, useMessage } from '../hooks';

/** The most a list is read page by page for the file (far beyond any member's history). */
const PAGE = 200;
const MAX_PAGES = 100;

/** Every page of a list the service answers by offset, until a short page. */
async function allPages<T>(read: (offset: number) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const next = await read(page * PAGE);
    rows.push(...next);
    if (next.length < PAGE) break;
  }
  return rows;
}

/**
 * Everything the service holds about the member, as the member's own pages show it, in one JSON
 * file: the right to see one's own data (개인정보 열람), without asking a library for it.
 */
async function readMyData() {
  const [me, holders, loans, holds, requests, preferences] = await Promise.all([
    answer(api.GET('/api/v1/me')),
    answer(api.GET('/api/v1/me/data-holders')),
    answer(api.GET('/api/v1/me/loans')),
    answer(api.GET('/api/v1/me/holds')),
    answer(api.GET('/api/v1/me/requests')),
    answer(api.GET('/api/v1/me/notice-preferences')),
  ]);
  let historyKept = true;
  const pastLoans = await allPages(async (offset) => {
    const page = await answer(
      api.GET('/api/v1/me/loan-history', { params: { query: { limit: PAGE, offset } } }),
    );
    historyKept = page.enabled;
    return page.loans;
  });
  const notices = await allPages(
    async (offset) =>
      (await answer(api.GET('/api/v1/me/notices', { params: { query: { limit: PAGE, offset } } })))
        .notices,
  );
  return {
    exportedAt: new Date().toISOString(),
    member: me,
    librariesHoldingMyData: holders.libraries,
    currentLoans: loans,
    loanHistory: { kept: historyKept, loans: pastLoans },
    holds: holds.holds,
    interLibraryRequests: requests.requests,
    noticePreferences: preferences,
    noticesSent: notices,
  };
}

/** "내 정보 내려받기": the member's own data as a file, said when saved. */
export function MyDataDownload() {
  const { t } = useTranslation();
  const action = useAction();
  const saved = useMessage();
  const savedRef = useFocusWhenLost<HTMLParagraphElement>(saved.text);
  const download = async () => {
    saved.clear();
    const data = await action.run(readMyData);
    if (!data) return;
    saveFile(
      `library-one-my-data-${data.exportedAt.slice(0, 10)}.json`,
      `${JSON.stringify(data, null, 2)}\n`,
      'application/json;charset=utf-8',
    );
    saved.say({ key: 'myData.saved' });
  };
  return (
    <section className="panel" aria-labelledby="my-data-title">
      <h2 id="my-data-title">{t('myData.title')}</h2>
      <p className="hint">{t('myData.hint')}</p>
      <button type="button" className="button" disabled={action.busy} onClick={download}>
        {t('myData.download')}
      </button>
      <ProblemAlert problem={action.problem} />
      {saved.text ? (
        <p className="notice notice-info" role="status" ref={savedRef} tabIndex={-1}>
          {saved.text}
        </p>
      ) : null}
    </section>
  );
}
