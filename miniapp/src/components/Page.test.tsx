// @vitest-environment jsdom
import { act, render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fake } from '../../test-setup/taro-fake';
import { useElderly } from '../hooks/useElderly';
import Page from './Page';

function ElderlyToggle() {
  const [on, set] = useElderly();
  return (
    <button type="button" onClick={() => set(!on)}>
      {on ? '关闭长辈模式' : '开启长辈模式'}
    </button>
  );
}

const root = (c: HTMLElement) => c.firstElementChild as HTMLElement;

describe('Page', () => {
  it('is a zw-page, with the caller’s class, and its children', () => {
    const { container } = render(
      <Page className="guide">
        <span>内容</span>
      </Page>,
    );
    expect(root(container).className).toBe('zw-page guide');
    expect(root(container).textContent).toBe('内容');
  });

  it('starts in 长辈模式 when it was left on', () => {
    fake.storage.set('zw:elderly', true);
    const { container } = render(<Page />);
    expect(root(container).classList.contains('zw-page--elderly')).toBe(true);
  });

  it('follows 长辈模式 switched anywhere, on and off, without a reload', () => {
    const page = render(<Page className="home" />);
    const toggle = render(<ElderlyToggle />); // e.g. the switch on the home page, a separate tree
    const button = toggle.getByRole('button');
    expect(root(page.container).className).toBe('zw-page home');

    act(() => button.click());
    expect(root(page.container).className).toBe('zw-page zw-page--elderly home');
    expect(button.textContent).toBe('关闭长辈模式');

    act(() => button.click());
    expect(root(page.container).className).toBe('zw-page home');
  });
});
