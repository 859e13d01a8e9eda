/**
 * Where the app finds the BFF. Set TARO_APP_API_BASE in miniapp/.env* (see .env);
 * empty means the platform default:
 * - h5: '' (same origin; the BFF serves the H5 app at the site root)
 * - mini-programs: the local BFF, http://127.0.0.1:8787 (relative URLs do not work there)
 *
 * `process.env.TARO_APP_API_BASE` and `process.env.TARO_ENV` are replaced at build
 * time, so they must be written out in full (no destructuring of process.env).
 */
const configured = (process.env.TARO_APP_API_BASE ?? '').trim();
const platformDefault = process.env.TARO_ENV === 'h5' ? '' : 'http://127.0.0.1:8787';

export const API_BASE: string = (configured || platformDefault).replace(/\/+$/, '');

/** Absolute (or, on h5, origin-relative) URL of an API path such as `/api/items`. */
export function apiUrl(path: string): string {
  return `${API_BASE}${path.startsWith('/') ? path : `/${path}`}`;
}
