import { useTranslation } from 'react-i18next';
import { ID_DOCUMENT_TYPES, type IdDocumentType } from '../api/types';
import { SelectField } from './Field';

/** Which ID document staff checked: its type only, never its number. */
export function IdDocumentSelect({
  value,
  onChange,
  id,
}: {
  value: IdDocumentType | '';
  onChange(value: IdDocumentType | ''): void;
  id?: string;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      id={id}
      label={t('idType.label')}
      hint={t('idType.hint')}
      required
      value={value}
      onChange={(e) => onChange(e.target.value as IdDocumentType | '')}
    >
      <option value="">{t('idType.choose')}</option>
      {ID_DOCUMENT_TYPES.map((type) => (
        <option key={type} value={type}>
          {t(`idType.${type}`)}
        </option>
      ))}
    </SelectField>
  );
}
