import { View } from '@tarojs/components';
import { useMemo } from 'react';
import { create } from 'qrcode/lib/core/qrcode';
import { darkRuns } from './runs';
import './index.css';

interface QrCodeProps {
  text: string;
  /** Largest side in CSS pixels; cells are whole pixels so a phone camera reads them crisply. */
  maxSize?: number;
  label: string;
}

const QUIET_ZONE = 4;

/**
 * A QR code drawn with views (one per row and one per run of dark cells), so it renders the same in the
 * mini-program and in H5 without a canvas. The `qrcode` package encodes it.
 */
export function QrCode({ text, maxSize = 280, label }: QrCodeProps) {
  const { rows, cell, side } = useMemo(() => {
    const { modules } = create(text, { errorCorrectionLevel: 'M' });
    const cellPx = Math.max(2, Math.floor(maxSize / (modules.size + QUIET_ZONE * 2)));
    return { rows: darkRuns(modules), cell: cellPx, side: modules.size * cellPx };
  }, [text, maxSize]);
  // Taro's View types omit ARIA attributes; H5 renders them for screen readers (and browser tests).
  const accessible = { role: 'img', 'aria-label': label };

  return (
    <View className='qr-code' {...accessible} style={{ width: `${side}px`, height: `${side}px`, padding: `${QUIET_ZONE * cell}px` }}>
      {rows.map((runs, row) => (
        <View key={row} className='qr-code__row' style={{ height: `${cell}px` }}>
          {runs.map((run) => (
            <View key={run.start} className='qr-code__dark' style={{ left: `${run.start * cell}px`, width: `${run.length * cell}px` }} />
          ))}
        </View>
      ))}
    </View>
  );
}
