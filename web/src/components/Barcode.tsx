import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The paths that open on a card: the encoder is fetched at once there (see main.tsx). */
const CARD_PAGES = new Set(['/portal/me/card']);

/**
 * The Code 128 encoder: its own chunk, loaded only when a card is shown (the portal's card page,
 * the desk's issued card), so no other page downloads it. A page that opens on a card starts the
 * download with the app, in parallel with the sign-in check, not after it.
 */
export function loadEncoder() {
  return import('./barcode-svg');
}

export function preloadEncoderFor(path: string) {
  if (CARD_PAGES.has(path.replace(/\/+$/, ''))) void loadEncoder().catch(() => {});
}

/** SVG markup of a Code 128 barcode. */
export async function barcodeSvg(text: string): Promise<string> {
  const { barcodeSvg: draw } = await loadEncoder();
  return draw(text);
}

/** The member's card as a barcode a desk scanner or a self-check machine reads from the screen. */
export function Barcode({ value }: { value: string }) {
  const { t } = useTranslation();
  const [svg, setSvg] = useState<string>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    barcodeSvg(value).then(
      (markup) => live && setSvg(markup),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [value]);
  if (failed) return <p className="barcode-number">{value}</p>;
  if (!svg) return <p className="muted">{t('common.loading')}</p>;
  return (
    <img
      className="barcode"
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
      alt={t('card.barcodeAlt', { number: value })}
    />
  );
}
