import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../components/Field';

/**
 * A closed day's or a public holiday's date (today or later) and name (Korean required, English
 * optional); `aboutDate` shows under the date (what that day already is, the loans due on it).
 */
export function HolidayFields({
  today,
  date,
  onDate,
  aboutDate,
  nameKo,
  nameEn,
  onNameKo,
  onNameEn,
}: {
  today: string;
  date: string;
  onDate: (value: string) => void;
  aboutDate: ReactNode;
  nameKo: string;
  nameEn: string;
  onNameKo: (value: string) => void;
  onNameEn: (value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        label={t('admin.holidayDate')}
        type="date"
        required
        min={today}
        value={date}
        onValue={onDate}
      />
      {aboutDate}
      <Field
        label={t('admin.holidayNameKo')}
        lang="ko"
        required
        maxLength={100}
        value={nameKo}
        onValue={onNameKo}
      />
      <Field
        label={t('admin.holidayNameEn')}
        hint={t('calendar.nameEnOptional')}
        lang="en"
        maxLength={100}
        value={nameEn}
        onValue={onNameEn}
      />
    </>
  );
}
