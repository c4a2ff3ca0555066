/** The encoder of the `qrcode` package without its renderers (they need canvas or Node): pure JS on every platform. */
declare module 'qrcode/lib/core/qrcode' {
  export interface QrMatrix {
    size: number;
    data: Uint8Array;
  }
  export function create(text: string, options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): { modules: QrMatrix; version: number };
}
