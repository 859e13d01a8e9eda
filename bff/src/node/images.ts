import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { AppError } from '../lib/errors';
import type { ImageProcessor } from '../lib/ports';

const ACCEPTED = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif']);
const MAX_PIXELS = 40_000_000; // decompression bombs
const MAX_EDGE = 2560;

/**
 * The type comes from the bytes (file-type), never from the name or the
 * Content-Type header. Every photo is decoded and re-encoded by sharp: EXIF,
 * GPS and any other metadata are dropped (sharp keeps none unless asked), the
 * orientation is applied first so the picture still looks right.
 */
export function sharpImages(): ImageProcessor {
  return {
    async normalise(bytes) {
      const type = await fileTypeFromBuffer(bytes);
      if (!type || !ACCEPTED.has(type.mime)) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415, '只能上传 JPG、PNG、WebP 或 HEIC 格式的照片');
      }
      try {
        const image = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
        const out = type.mime === 'image/png' ? image.png({ compressionLevel: 9 }) : image.jpeg({ quality: 82, mozjpeg: true });
        const { data, info } = await out
          .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
          .toBuffer({ resolveWithObject: true });
        return {
          bytes: new Uint8Array(data),
          mime: type.mime === 'image/png' ? 'image/png' : 'image/jpeg',
          width: info.width,
          height: info.height,
        };
      } catch (err) {
        if (err instanceof AppError) throw err;
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415, '照片无法读取，可能已损坏，请换一张');
      }
    },
  };
}
