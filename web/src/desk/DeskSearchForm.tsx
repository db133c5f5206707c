import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../components/Field';

/**
 * A desk's catalogue search box (find a book; hold a title for a member): the words typed are
 * searched when sent, not at every key.
 */
export function DeskSearchForm({
  label,
  name,
  placeholder,
  primary = false,
  onSearch,
}: {
  label: string;
  name: string;
  placeholder?: string;
  primary?: boolean;
  onSearch: (q: string) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  return (
    // biome-ignore lint/a11y/useSemanticElements: as the portal's search box (components/Catalogue.tsx)
    <form
      role="search"
      className="scan-form"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(text);
      }}
    >
      <Field
        label={label}
        type="search"
        name={name}
        autoComplete="off"
        value={text}
        onValue={setText}
        placeholder={placeholder}
        className="scan-field"
      />
      <button type="submit" className={primary ? 'button primary' : 'button'}>
        {t('catalogue.submit')}
      </button>
    </form>
  );
}
