// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Toggle } from './Toggle';

function Setting({ onChange }: { onChange?: (v: boolean) => void }) {
  const [on, setOn] = useState(false);
  return (
    <Toggle
      checked={on}
      label="长辈模式"
      onChange={(v) => {
        setOn(v);
        onChange?.(v);
      }}
    />
  );
}

describe('Toggle', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is a switch named for what it turns on, saying whether it is on, flipped by a tap', () => {
    const seen: boolean[] = [];
    render(<Setting onChange={(v) => seen.push(v)} />);
    const sw = screen.getByRole('switch', { name: '长辈模式' });
    expect(sw.getAttribute('aria-checked')).toBe('false');
    fireEvent.click(sw);
    expect(sw.getAttribute('aria-checked')).toBe('true');
    expect(sw.className).toContain('zw-toggle--on');
    fireEvent.click(sw);
    expect(seen).toEqual([true, false]);
  });

  it('in the browser: focusable, and Space or Enter flips it; other keys do nothing', () => {
    vi.stubEnv('TARO_ENV', 'h5');
    render(<Setting />);
    const sw = screen.getByRole('switch', { name: '长辈模式' });
    expect(sw.tabIndex).toBe(0);
    fireEvent.keyDown(sw, { key: ' ' });
    expect(sw.getAttribute('aria-checked')).toBe('true');
    fireEvent.keyDown(sw, { key: 'Enter' });
    expect(sw.getAttribute('aria-checked')).toBe('false');
    fireEvent.keyDown(sw, { key: 'a' });
    expect(sw.getAttribute('aria-checked')).toBe('false');
  });

  it('in WeChat: no tab stop (there is no keyboard focus to give it)', () => {
    vi.stubEnv('TARO_ENV', 'weapp');
    render(<Setting />);
    expect(screen.getByRole('switch', { name: '长辈模式' }).hasAttribute('tabindex')).toBe(false);
  });
});
