import Taro from '@tarojs/taro';
import type { CaseTarget, MessageType } from '@zw/shared';

/**
 * The message being written, kept in storage on every change so that nothing is
 * lost when WeChat kills the app, the network drops or the citizen walks away.
 *
 * `key` is the Idempotency-Key of this draft: created once, sent with every retry,
 * replaced only after the server has accepted the message. A submission that
 * reached the server while the phone reported a failure is then answered with
 * the first result instead of creating a second case.
 */
export const DRAFT_KEY = 'zw:case-draft';

export type DraftPhoto = { id: string; path: string; width: number; height: number };

export type DraftTarget = CaseTarget & { name: string };

export type Draft = {
  v: 1;
  key: string;
  type: MessageType | null;
  target: DraftTarget | null;
  title: string;
  content: string;
  photos: DraftPhoto[];
  anonymous: boolean;
  name: string;
  phone: string;
  consent: boolean;
  updatedAt: number;
};

/** 32 hex characters (128 bits). */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  const c = typeof crypto !== 'undefined' ? (crypto as Crypto) : undefined;
  if (c && typeof c.getRandomValues === 'function') {
    c.getRandomValues(bytes);
  } else {
    // WeChat has no synchronous crypto; the key only has to be unique per citizen.
    const t = Date.now();
    for (let i = 0; i < bytes.length; i++) bytes[i] = (Math.floor(Math.random() * 256) ^ (t >>> ((i % 4) * 8))) & 0xff;
  }
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

export function emptyDraft(): Draft {
  return {
    v: 1,
    key: newIdempotencyKey(),
    type: null,
    target: null,
    title: '',
    content: '',
    photos: [],
    anonymous: false,
    name: '',
    phone: '',
    consent: false,
    updatedAt: Date.now(),
  };
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The saved draft, or null. Anything malformed is dropped field by field, never thrown. */
export function loadDraft(): Draft | null {
  let raw: unknown;
  try {
    raw = Taro.getStorageSync(DRAFT_KEY);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const d = raw as Partial<Draft>;
  const key = typeof d.key === 'string' && /^[0-9a-f]{32}$/.test(d.key) ? d.key : newIdempotencyKey();
  const t = d.target;
  const target =
    t && typeof t === 'object' && ['department', 'item', 'window'].includes(t.type) && Number.isInteger(t.id) && t.id > 0
      ? { type: t.type, id: t.id, name: str(t.name) }
      : null;
  const photos = Array.isArray(d.photos)
    ? d.photos.filter((p): p is DraftPhoto => !!p && typeof p.id === 'string' && typeof p.path === 'string').slice(0, 3)
    : [];
  return {
    v: 1,
    key,
    type: typeof d.type === 'string' ? (d.type as MessageType) : null,
    target,
    title: str(d.title),
    content: str(d.content),
    photos,
    anonymous: d.anonymous === true,
    name: str(d.name),
    phone: str(d.phone),
    consent: d.consent === true,
    updatedAt: typeof d.updatedAt === 'number' ? d.updatedAt : Date.now(),
  };
}

export function saveDraft(d: Draft): void {
  try {
    Taro.setStorageSync(DRAFT_KEY, { ...d, updatedAt: Date.now() });
  } catch {
    // Storage full or unavailable: the form still works, only the backup is lost.
  }
}

export function clearDraft(): void {
  try {
    Taro.removeStorageSync(DRAFT_KEY);
  } catch {
    /* nothing to do */
  }
}

/** Has the citizen written or chosen anything worth restoring? */
export function hasContent(d: Draft): boolean {
  return !!(d.title.trim() || d.content.trim() || d.photos.length || d.name.trim() || d.phone.trim());
}
