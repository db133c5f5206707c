import { useTranslation } from 'react-i18next';

/** One click to the other language; the button speaks in the language it switches to. */
export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const next = i18n.language === 'en' ? 'ko' : 'en';
  return (
    <button
      type="button"
      className="language-switch"
      lang={next}
      onClick={() => void i18n.changeLanguage(next)}
    >
      {next === 'en' ? 'English' : '한국어'}
    </button>
  );
}
