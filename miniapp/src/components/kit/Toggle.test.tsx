// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
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
});
