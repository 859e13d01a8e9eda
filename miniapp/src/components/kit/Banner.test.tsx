// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Banner } from './Banner';

describe('Banner', () => {
  it('an error is an alert, read out at once', () => {
    render(<Banner kind="error">网络连接失败</Banner>);
    const el = screen.getByRole('alert');
    expect(el.textContent).toBe('网络连接失败');
    expect(el.className).toBe('zw-banner zw-banner--error');
  });

  it('the other kinds are a polite status, and keep the page’s own class', () => {
    for (const kind of ['info', 'warn', 'ok'] as const) {
      const { unmount } = render(
        <Banner kind={kind} className="ed-notice">
          已保存
        </Banner>,
      );
      const el = screen.getByRole('status');
      expect(el.textContent).toBe('已保存');
      expect(el.classList.contains(`zw-banner--${kind}`)).toBe(true);
      expect(el.classList.contains('ed-notice')).toBe(true);
      expect(screen.queryByRole('alert')).toBeNull();
      unmount();
    }
  });
});
