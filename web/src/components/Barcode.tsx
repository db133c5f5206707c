import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** SVG markup of a Code 128 barcode (bwip-js is loaded only when a card is shown). */
export async function barcodeSvg(text: string): Promise<string> {
  const bwip = await import('bwip-js/browser');
  return bwip.toSVG({
    bcid: 'code128',
    text,
    scale: 3,
    height: 14,
    includetext: true,
    textxalign: 'center',
    textsize: 11,
    paddingwidth: 8,
    paddingheight: 6,
    backgroundcolor: 'FFFFFF',
  });
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
