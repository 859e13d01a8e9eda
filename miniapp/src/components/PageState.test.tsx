// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Empty, ErrorState, Loading } from './PageState';

describe('PageState', () => {
  it('Loading says so politely, with its own words when given', () => {
    const { container, rerender } = render(<Loading />);
    expect(container.textContent).toBe('正在加载…');
    expect(container.querySelector('[aria-live="polite"]')).not.toBeNull();
    rerender(<Loading text="正在查询…" />);
    expect(container.textContent).toBe('正在查询…');
  });

  it('ErrorState is an alert with the message, and 重试 calls back', () => {
    const onRetry = vi.fn();
    render(<ErrorState message="网络连接失败，请检查网络后重试" onRetry={onRetry} />);
    expect(screen.getByRole('alert').textContent).toContain('网络连接失败，请检查网络后重试');
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('ErrorState offers a second way out when given one, as a button of its own', () => {
    const onRetry = vi.fn();
    const back = vi.fn();
    render(<ErrorState message="没有找到这条诉求" onRetry={onRetry} way={{ label: '返回我的诉求', onClick: back }} />);
    fireEvent.click(screen.getByRole('button', { name: '返回我的诉求' }));
    expect(back).toHaveBeenCalledTimes(1);
    expect(onRetry).not.toHaveBeenCalled();
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['重试', '返回我的诉求']);
  });

  it('ErrorState offers no 重试 when there is nothing to retry', () => {
    render(<ErrorState message="没有找到您要的内容" />);
    expect(screen.getByRole('alert').textContent).toBe('没有找到您要的内容');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('Empty shows the text, and the hint only when there is one', () => {
    const { container, rerender } = render(<Empty text="暂无结果" />);
    expect(container.textContent).toBe('暂无结果');
    expect(container.querySelector('.zw-state__hint')).toBeNull();
    rerender(<Empty text="暂无结果" hint="换个关键词试试" />);
    expect(container.querySelector('.zw-state__hint')?.textContent).toBe('换个关键词试试');
  });
});
