import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NoticeLogTable, NoticePreferencesForm } from '../components/Notices';

/**
 * At the desk: how the member hears from the libraries (set for them), and what they were told.
 * Loaded only when opened: a card scan asks for nothing more than before.
 */
export function MemberNotices({ memberId }: { memberId: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [version, setVersion] = useState(0);
  const owner = { kind: 'member', memberId } as const;
  return (
    <details
      className="more-actions member-notices"
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
    >
      <summary>{t('notices.deskTitle')}</summary>
      {open ? (
        <>
          <NoticePreferencesForm owner={owner} onSaved={() => setVersion((v) => v + 1)} />
          <NoticeLogTable owner={owner} version={version} />
        </>
      ) : null}
    </details>
  );
}
