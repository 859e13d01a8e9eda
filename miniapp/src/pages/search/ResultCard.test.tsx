// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import ResultCard, { type ResultRow } from './ResultCard';

const hit: ResultRow = {
  key: 'item-1',
  type: 'item',
  id: 1,
  title: [
    { text: '社会保障卡', hit: true },
    { text: '申领', hit: false },
  ],
  snippet: [
    { text: '首次申领', hit: false },
    { text: '社会保障卡', hit: true },
    { text: '需携带身份证', hit: false },
  ],
  source: '县人社局',
  updatedAt: '2025-05-12',
};

describe('ResultCard', () => {
  it('shows type, highlighted title and snippet, source and date', () => {
    const { container } = render(<ResultCard row={hit} onOpen={() => {}} />);
    const card = screen.getByRole('link');
    expect(card.textContent).toBe('办事指南社会保障卡申领首次申领社会保障卡需携带身份证县人社局2025-05-12 更新');
    expect(Array.from(container.querySelectorAll('.zw-hit')).map((e) => e.textContent)).toEqual(['社会保障卡', '社会保障卡']);
  });

  it('a plain row (a department’s list) has no highlights; a policy says so', () => {
    const { container } = render(
      <ResultCard
        row={{ ...hit, type: 'policy', title: '关于调整最低工资标准的通知', snippet: '自2025年7月1日起执行' }}
        onOpen={() => {}}
      />,
    );
    expect(container.textContent).toContain('政策文件关于调整最低工资标准的通知');
    expect(container.textContent).toContain('自2025年7月1日起执行');
    expect(container.querySelector('.zw-hit')).toBeNull();
  });

  it('leaves out an empty or blank snippet', () => {
    for (const snippet of ['', [], [{ text: '  ', hit: false }]] as const) {
      const { container, unmount } = render(<ResultCard row={{ ...hit, snippet: snippet as ResultRow['snippet'] }} onOpen={() => {}} />);
      expect(container.querySelector('.srch-hit__snippet')).toBeNull();
      unmount();
    }
  });

  it('markup from the server stays text', () => {
    const { container } = render(
      <ResultCard
        row={{ ...hit, title: [{ text: '<img src=x onerror=alert(1)>', hit: true }], snippet: '<script>alert(2)</script>' }}
        onOpen={() => {}}
      />,
    );
    expect(container.querySelector('img, script')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(container.textContent).toContain('<script>alert(2)</script>');
  });

  it('opens its row when tapped', () => {
    const onOpen = vi.fn();
    render(<ResultCard row={hit} onOpen={onOpen} />);
    fireEvent.click(screen.getByRole('link'));
    expect(onOpen).toHaveBeenCalledWith(hit);
  });
});
