import { useState } from 'react';
import { NoticeLogTable, NoticePreferencesForm } from '../components/Notices';

/** The member's notice channels and language, and what they were told. */
export function NoticesTab() {
  const [version, setVersion] = useState(0);
  return (
    <div className="tab-panel">
      <section className="panel">
        <NoticePreferencesForm owner={{ kind: 'me' }} onSaved={() => setVersion((v) => v + 1)} />
      </section>
      <NoticeLogTable owner={{ kind: 'me' }} version={version} />
    </div>
  );
}
