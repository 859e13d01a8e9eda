/** Beijing-time formatting lives in services/time (shared by every page); re-exported for this package. */
export { errorText, fmtDate, fmtDateTime } from '../../services/time';

/** Query values arrive encoded on some platforms and decoded on others. */
export function decodeParam(v: string | undefined): string {
  if (!v) return '';
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}
