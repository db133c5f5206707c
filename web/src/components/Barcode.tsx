import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * SVG markup of a Code 128 barcode. The encoder is its own chunk, loaded only when a card is shown
 * (the portal's card page, the desk's issued card): no other page downloads it.
 */
export async function barcodeSvg(text: string): Promise<string> {
  const { barcodeSvg: draw } = await import('./barcode-svg');
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
