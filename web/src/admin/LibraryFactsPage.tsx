import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import type { Library, LibraryFacts } from '../api/types';
import { Field } from '../components/Field';
import { SubmitButton } from '../components/FormParts';
import { Loading } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useSaving } from '../hooks';
import { useFormat } from '../i18n/format';
import { LibraryHeading, Saved, useLibrary } from './library-page';

function factsOf(library: Library): LibraryFacts {
  return {
    addressKo: library.addressKo,
    addressEn: library.addressEn,
    phone: library.phone,
    openingHoursKo: library.openingHours.ko,
    openingHoursEn: library.openingHours.en,
    closedDaysNoteKo: library.closedDaysNote.ko,
    closedDaysNoteEn: library.closedDaysNote.en,
  };
}

/** The language-paired facts: each has a Korean and an English field. */
const PAIRS = [
  { key: 'address', ko: 'addressKo', en: 'addressEn', max: 300 },
  { key: 'hours', ko: 'openingHoursKo', en: 'openingHoursEn', max: 300 },
  { key: 'closedNote', ko: 'closedDaysNoteKo', en: 'closedDaysNoteEn', max: 500 },
] as const;

/**
 * A library's facts as readers see them, in Korean and English: the library's admin writes their
 * own, the network admin any library's (from this page's picker or the network's library list).
 */
export function LibraryFactsForm({
  library,
  onSaved,
}: {
  library: Library;
  onSaved?(library: Library): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [facts, setFacts] = useState<LibraryFacts>(() => factsOf(library));
  const form = useSaving();
  const set = (key: keyof LibraryFacts) => (value: string) => setFacts({ ...facts, [key]: value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    form.setSaved('');
    const body = Object.fromEntries(
      Object.entries(facts).map(([key, value]) => [key, value?.trim() ? value : null]),
    ) as LibraryFacts;
    const saved = await form.save(
      () =>
        answer(
          api.PUT('/api/v1/libraries/{libraryId}/facts', {
            params: { path: { libraryId: library.id } },
            body,
          }),
        ),
      (result) => t('facts.saved', { name: format.name(result) }),
    );
    if (saved) {
      setFacts(factsOf(saved));
      onSaved?.(saved);
    }
  };
  const languages = [
    { lang: 'ko', legend: t('facts.inKorean') },
    { lang: 'en', legend: t('facts.inEnglish') },
  ] as const;
  return (
    <form className="form library-facts" onSubmit={submit}>
      <Field
        label={t('facts.phone')}
        hint={t('facts.phoneHint')}
        type="tel"
        maxLength={20}
        value={facts.phone ?? ''}
        onValue={set('phone')}
      />
      <div className="grid-fields facts-languages">
        {languages.map(({ lang, legend }) => (
          <fieldset className="fieldset" key={lang}>
            <legend>{legend}</legend>
            {PAIRS.map((pair) => {
              const key = pair[lang];
              const hint =
                lang === 'ko'
                  ? pair.key === 'address'
                    ? undefined
                    : t(`facts.${pair.key}Hint`)
                  : t(`facts.${pair.key}EnHint`);
              return (
                <Field
                  key={key}
                  label={`${t(`facts.${pair.key}`)} (${legend})`}
                  hint={hint}
                  lang={lang}
                  maxLength={pair.max}
                  value={facts[key] ?? ''}
                  onValue={set(key)}
                />
              );
            })}
          </fieldset>
        ))}
      </div>
      <p className="hint">{t('facts.calendarNote')}</p>
      <ProblemAlert problem={form.problem} />
      <Saved text={form.saved} />
      <SubmitButton busy={form.busy}>{t('common.save')}</SubmitButton>
    </form>
  );
}

/** 관리 → 도서관 정보: the facts of the library being managed. */
export function LibraryFactsPage({ libraryId }: { libraryId: number }) {
  const { t } = useTranslation();
  const detail = useLibrary(libraryId);
  const library = detail.data?.library;
  return (
    <div>
      <LibraryHeading page="facts" library={library} />
      <p className="lead">{t('facts.lead')}</p>
      <ProblemAlert problem={detail.problem} />
      {library ? (
        <div className="panel">
          <LibraryFactsForm
            key={library.id}
            library={library}
            onSaved={(saved) => detail.setData({ ...detail.data!, library: saved })}
          />
        </div>
      ) : (
        <Loading />
      )}
    </div>
  );
}
