// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startControls } from './controls.h5';

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  document.body.innerHTML = '';
});

const flush = () => new Promise((r) => setTimeout(r, 0));
const key = (el: Element, k: string) => el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));

describe('startControls (the browser build)', () => {
  it("gives Taro's div buttons a role and a tab stop, none while disabled, following later changes", async () => {
    document.body.innerHTML = '<div class="taro-button-core">提交</div><div class="taro-button-core taro-btn-disabled">发送</div>';
    stop = startControls();
    const [ok, off] = [...document.querySelectorAll('.taro-button-core')];
    expect([ok!.getAttribute('role'), ok!.getAttribute('tabindex'), ok!.getAttribute('aria-disabled')]).toEqual(['button', '0', 'false']);
    expect([off!.getAttribute('tabindex'), off!.getAttribute('aria-disabled')]).toEqual(['-1', 'true']);
    off!.classList.remove('taro-btn-disabled');
    const later = document.createElement('div');
    later.innerHTML = '<div class="taro-button-core">拨打</div><div role="link">查看原文</div><div role="status">已保存</div>';
    document.body.append(later);
    await flush();
    expect([off!.getAttribute('tabindex'), off!.getAttribute('aria-disabled')]).toEqual(['0', 'false']);
    expect(later.querySelector('.taro-button-core')!.getAttribute('tabindex')).toBe('0');
    expect(later.querySelector('[role=link]')!.getAttribute('tabindex')).toBe('0');
    // Not a control: no tab stop.
    expect(later.querySelector('[role=status]')!.hasAttribute('tabindex')).toBe(false);
  });

  it('leaves a tab stop the app set itself, and native controls, alone', () => {
    document.body.innerHTML = '<div role="button" tabindex="-1">a</div><button role="button">b</button>';
    stop = startControls();
    expect(document.querySelector('div')!.getAttribute('tabindex')).toBe('-1');
    expect(document.querySelector('button')!.hasAttribute('tabindex')).toBe(false);
  });

  it('Enter activates a control, Space too except on a link; disabled ones and handled keys do nothing', () => {
    document.body.innerHTML =
      '<div role="button">a</div><div role="link">b</div><div class="taro-button-core taro-btn-disabled">c</div><div role="switch">d</div>';
    stop = startControls();
    const clicks: string[] = [];
    document.body.addEventListener('click', (e) => clicks.push((e.target as HTMLElement).textContent!));
    const [button, link, disabled, sw] = [...document.body.children];
    key(button!, 'Enter');
    key(button!, ' ');
    key(link!, ' ');
    key(link!, 'Enter');
    key(disabled!, 'Enter');
    key(button!, 'a');
    sw!.addEventListener('keydown', (e) => e.preventDefault());
    key(sw!, ' ');
    expect(clicks).toEqual(['a', 'a', 'b']);
  });

  it("passes a Taro web component's name on to the native field inside, also when it renders later or changes", async () => {
    document.body.innerHTML =
      '<taro-textarea-core aria-label="收费标准"><textarea></textarea></taro-textarea-core><taro-textarea-core aria-label="说明"></taro-textarea-core>';
    stop = startControls();
    const [first, second] = [...document.querySelectorAll('taro-textarea-core')];
    expect(first!.querySelector('textarea')!.getAttribute('aria-label')).toBe('收费标准');
    second!.append(document.createElement('textarea'));
    first!.setAttribute('aria-label', '不收费依据');
    await flush();
    expect(second!.querySelector('textarea')!.getAttribute('aria-label')).toBe('说明');
    expect(first!.querySelector('textarea')!.getAttribute('aria-label')).toBe('不收费依据');
  });

  it('stops when told', () => {
    stop = startControls();
    stop();
    stop = undefined;
    const el = document.createElement('div');
    el.setAttribute('role', 'button');
    const onClick = vi.fn();
    el.addEventListener('click', onClick);
    document.body.append(el);
    key(el, 'Enter');
    expect(onClick).not.toHaveBeenCalled();
  });
});
