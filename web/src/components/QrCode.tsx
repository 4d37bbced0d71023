import { useEffect, useState } from 'react';
import './admin.css';

/** The quiet zone around the symbol, in modules: four, as ISO/IEC 18004 asks. */
const QUIET = 4;

/** One SVG path drawing every dark module of the matrix as a unit square. */
function pathOf(size: number, data: Uint8Array): string {
  let d = '';
  for (let row = 0; row < size; row += 1) {
    for (let col = 0; col < size; col += 1) {
      if (data[row * size + col]) d += `M${col + QUIET} ${row + QUIET}h1v1h-1z`;
    }
  }
  return d;
}

/**
 * A QR code of `text` drawn as inline SVG with an accessible name. The encoder (the `qrcode`
 * package) is loaded on demand, so only the pages that show a code download it; until it
 * arrives, a placeholder of the same size keeps the layout still.
 */
export function QrCode({ text, label, size = 200 }: { text: string; label: string; size?: number }) {
  const [symbol, setSymbol] = useState<{ text: string; modules: number; d: string } | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode').then(({ create }) => {
      const { modules } = create(text, { errorCorrectionLevel: 'M' });
      if (live) setSymbol({ text, modules: modules.size, d: pathOf(modules.size, modules.data) });
    });
    return () => {
      live = false;
    };
  }, [text]);
  if (!symbol || symbol.text !== text) return <div className="qr-code" style={{ inlineSize: size, blockSize: size }} aria-hidden="true" />;
  const extent = symbol.modules + 2 * QUIET;
  return (
    <svg className="qr-code" role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${extent} ${extent}`} shapeRendering="crispEdges" data-testid="qr-code">
      <rect width={extent} height={extent} fill="#fff" />
      <path d={symbol.d} fill="#000" />
    </svg>
  );
}
