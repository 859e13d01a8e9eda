// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Chip } from './Chip';

describe('Chip', () => {
  it('is a toggle button that says whether it is chosen, and calls back on tap', () => {
    const onClick = vi.fn();
    const { rerender } = render(
      <Chip onClick={onClick} className="st-chip">
        已超期
      </Chip>,
    );
    const chip = screen.getByRole('button', { name: '已超期' });
    expect(chip.getAttribute('aria-pressed')).toBe('false');
    expect(chip.className).toBe('zw-chip st-chip');
    fireEvent.click(chip);
    expect(onClick).toHaveBeenCalledTimes(1);
    rerender(
      <Chip on onClick={onClick}>
        已超期
      </Chip>,
    );
    expect(screen.getByRole('button', { name: '已超期' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button').classList.contains('zw-chip--on')).toBe(true);
  });
});
