import { afterEach, describe, expect, it, vi } from 'vitest';
import { fake } from '../../../test-setup/taro-fake';
import { clearDraft, DRAFT_KEY, emptyDraft, hasContent, loadDraft, newIdempotencyKey, saveDraft, type Draft } from './draft';

const HEX32 = /^[0-9a-f]{32}$/;

function written(): Draft {
  return {
    ...emptyDraft(),
    type: '投诉',
    target: { type: 'window', id: 3, name: '3号窗口' },
    title: '窗口排队太久',
    content: '上午九点取号，十一点还没有办上。',
    photos: [{ id: 'a'.repeat(32), path: 'wxfile://tmp/1.jpg', width: 800, height: 600 }],
    anonymous: false,
    name: '张三',
    phone: '13800000000',
    consent: true,
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the idempotency key', () => {
  it('is 32 hex characters, different every time', () => {
    const keys = Array.from({ length: 200 }, newIdempotencyKey);
    for (const k of keys) expect(k).toMatch(HEX32);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('is still 32 hex and unique where there is no crypto (WeChat)', () => {
    vi.stubGlobal('crypto', undefined);
    const keys = Array.from({ length: 200 }, newIdempotencyKey);
    for (const k of keys) expect(k).toMatch(HEX32);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('is made once per draft and kept across restarts', () => {
    const d = written();
    saveDraft(d);
    // The app is killed and started again: only storage survives, and loading twice changes nothing.
    expect(loadDraft()!.key).toBe(d.key);
    expect(loadDraft()!.key).toBe(d.key);
    saveDraft({ ...loadDraft()!, content: '补充：下午又去了一次。' });
    expect(loadDraft()).toMatchObject({ key: d.key, content: '补充：下午又去了一次。' });
  });

  it('a new draft after a successful submission gets a new key', () => {
    const d = written();
    saveDraft(d);
    clearDraft();
    expect(loadDraft()).toBeNull();
    const next = emptyDraft();
    expect(next.key).toMatch(HEX32);
    expect(next.key).not.toBe(d.key);
  });
});

describe('the saved draft', () => {
  it('comes back exactly as written', () => {
    const d = written();
    saveDraft(d);
    const { updatedAt, ...rest } = loadDraft()!;
    const { updatedAt: _, ...expected } = d;
    expect(rest).toEqual(expected);
    expect(updatedAt).toBeGreaterThanOrEqual(d.updatedAt);
  });

  it('is stored under its key and stamped with the time of saving', () => {
    vi.useFakeTimers({ now: new Date('2026-03-02T06:05:00Z'), toFake: ['Date'] });
    try {
      saveDraft({ ...written(), updatedAt: 0 });
    } finally {
      vi.useRealTimers();
    }
    expect((fake.storage.get(DRAFT_KEY) as Draft).updatedAt).toBe(Date.parse('2026-03-02T06:05:00Z'));
  });

  it('none saved, or storage holding something else: nothing to restore', () => {
    expect(loadDraft()).toBeNull();
    for (const junk of ['', 'a string', 42, true, null]) {
      fake.storage.set(DRAFT_KEY, junk);
      expect(loadDraft()).toBeNull();
    }
  });

  it('a malformed draft is repaired field by field, never thrown', () => {
    fake.storage.set(DRAFT_KEY, {
      key: 'not-a-key',
      type: 42,
      target: { type: 'hall', id: 1, name: 'x' },
      title: ['数组'],
      content: '内容还在',
      photos: [
        { id: 'p1', path: '/1.jpg' },
        null,
        { id: 2, path: '/2.jpg' },
        { id: 'p3', path: '/3.jpg' },
        { id: 'p4', path: '/4.jpg' },
        { id: 'p5', path: '/5.jpg' },
      ],
      anonymous: 'yes',
      consent: 1,
      updatedAt: 'yesterday',
    });
    const d = loadDraft()!;
    expect(d.key).toMatch(HEX32);
    expect(d.type).toBeNull();
    expect(d.target).toBeNull();
    expect(d.title).toBe('');
    expect(d.content).toBe('内容还在');
    expect(d.photos.map((p) => p.id)).toEqual(['p1', 'p3', 'p4']); // at most three, only well-formed ones
    expect(d.anonymous).toBe(false);
    expect(d.consent).toBe(false);
    expect(d.name).toBe('');
    expect(typeof d.updatedAt).toBe('number');
  });

  it('keeps a target only when it is one a message can be addressed to', () => {
    const cases: Array<[unknown, object | null]> = [
      [
        { type: 'department', id: 2, name: '人社局' },
        { type: 'department', id: 2, name: '人社局' },
      ],
      [
        { type: 'item', id: 5 },
        { type: 'item', id: 5, name: '' },
      ],
      [{ type: 'window', id: 0, name: 'x' }, null],
      [{ type: 'window', id: 1.5, name: 'x' }, null],
      [{ type: 'window', id: '3', name: 'x' }, null],
      [{ type: 'hall', id: 1, name: 'x' }, null],
      ['department', null],
    ];
    for (const [target, expected] of cases) {
      fake.storage.set(DRAFT_KEY, { ...written(), target });
      expect(loadDraft()!.target).toEqual(expected);
    }
  });

  it('a full or broken storage never breaks the form', () => {
    const boom = () => {
      throw new Error('setStorage:fail exceed storage max size 10MB');
    };
    const spies = [
      vi.spyOn(fake.storage, 'set').mockImplementation(boom),
      vi.spyOn(fake.storage, 'delete').mockImplementation(boom),
      vi.spyOn(fake.storage, 'has').mockImplementation(boom),
    ];
    try {
      expect(() => saveDraft(written())).not.toThrow();
      expect(() => clearDraft()).not.toThrow();
      expect(loadDraft()).toBeNull();
    } finally {
      for (const s of spies) s.mockRestore();
    }
  });
});

describe('hasContent', () => {
  it('an empty or blank draft has nothing worth restoring', () => {
    expect(hasContent(emptyDraft())).toBe(false);
    expect(hasContent({ ...emptyDraft(), title: '  ', content: '\n', name: ' ', phone: '' })).toBe(false);
    // Choices alone (type, target, switches) are not worth a "restore your draft?" prompt.
    expect(
      hasContent({ ...emptyDraft(), type: '建议', target: { type: 'department', id: 1, name: '' }, anonymous: true, consent: true }),
    ).toBe(false);
  });

  it('anything written or attached is', () => {
    expect(hasContent({ ...emptyDraft(), content: '有内容' })).toBe(true);
    expect(hasContent({ ...emptyDraft(), title: '标题' })).toBe(true);
    expect(hasContent({ ...emptyDraft(), name: '李四' })).toBe(true);
    expect(hasContent({ ...emptyDraft(), phone: '139' })).toBe(true);
    expect(hasContent({ ...emptyDraft(), photos: written().photos })).toBe(true);
  });
});
