import { code128, drawingSVG } from 'bwip-js/browser';

/**
 * SVG markup of a Code 128 barcode. Only this encoder is imported (bwip-js exports each one), so
 * the chunk the card page loads holds Code 128 alone, not the hundred other symbologies.
 */
export function barcodeSvg(text: string): string {
  return code128(
    {
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
    },
    drawingSVG(),
  );
}
