// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Accordion, Fact, LinkRow, Paragraphs, Section } from './Content';

describe('content blocks', () => {
  it('Section is a card with its heading and content', () => {
    const { container } = render(
      <Section title="办理流程" extra={<span>共 3 步</span>}>
        <p>第一步</p>
      </Section>,
    );
    expect(container.querySelector('.kit-section__title')?.textContent).toBe('办理流程');
    expect(container.textContent).toBe('办理流程共 3 步第一步');
  });

  it('Paragraphs splits plain text into paragraphs and never renders HTML', () => {
    const { container } = render(<Paragraphs text={'第一段\n\n  第二段 <b>粗</b>\n'} />);
    const paras = [...container.querySelectorAll('.kit-para')].map((p) => p.textContent);
    expect(paras).toEqual(['第一段', '第二段 <b>粗</b>']);
    expect(container.querySelector('b')).toBeNull();
  });

  it('Fact pairs a label with its value', () => {
    const { container } = render(<Fact label="文号">清政发〔2026〕1号</Fact>);
    expect(container.querySelector('.kit-fact__label')?.textContent).toBe('文号');
    expect(container.querySelector('.kit-fact__value')?.textContent).toBe('清政发〔2026〕1号');
  });

  it('LinkRow is a link that opens on tap', () => {
    const onClick = vi.fn();
    render(<LinkRow title="关于实施的通知" meta="2026-01-05" onClick={onClick} />);
    const link = screen.getByRole('link');
    expect(link.textContent).toBe('关于实施的通知2026-01-05›');
    fireEvent.click(link);
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('Accordion opens and closes one answer at a time, saying so', () => {
    render(
      <Accordion
        items={[
          { q: '要带什么？', a: '身份证。' },
          { q: '收费吗？', a: '不收费。' },
        ]}
      />,
    );
    const [first, second] = screen.getAllByRole('button');
    expect(first!.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByText('身份证。')).toBeNull();
    fireEvent.click(first!);
    expect(first!.getAttribute('aria-expanded')).toBe('true');
    expect(first!.textContent).toContain('收起');
    expect(screen.getByText('身份证。')).not.toBeNull();
    expect(second!.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(first!);
    expect(screen.queryByText('身份证。')).toBeNull();
  });
});
