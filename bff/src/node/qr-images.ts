import QRCode from 'qrcode';
import type { QrImages } from '../lib/ports';

/**
 * QR images with `qrcode` (soldair/node-qrcode): the most used maintained
 * encoder on npm, pure JavaScript, SVG and PNG from the same matrix. PNG goes
 * through pngjs (Node's zlib), hence a Node adapter rather than a call in the app.
 */
export const nodeQrImages: QrImages = {
  svg: (text, opts = {}) => QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: opts.margin ?? 4 }),
  png: async (text, opts = {}) =>
    new Uint8Array(
      await QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: opts.margin ?? 4, width: opts.width ?? 512 }),
    ),
};
