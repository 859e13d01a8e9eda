// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import Highlight from './Highlight';

describe('Highlight', () => {
  it('shows every segment in order and marks only the hits', () => {
    const { container } = render(
      <Highlight
        segments={[
          { text: '办理', hit: false },
          { text: '社保', hit: true },
          { text: '卡', hit: false },
        ]}
      />,
    );
    expect(container.textContent).toBe('办理社保卡');
    const hits = Array.from(container.querySelectorAll('.zw-hit')).map((e) => e.textContent);
    expect(hits).toEqual(['社保']);
  });

  it('renders markup in a snippet as text, never as HTML', () => {
    const evil = '<script>alert(1)</script><img src=x onerror="alert(2)"><b>粗体</b>';
    const { container } = render(
      <Highlight
        segments={[
          { text: evil, hit: false },
          { text: '<i>命中</i>', hit: true },
        ]}
      />,
    );
    expect(container.querySelector('script, img, b, i')).toBeNull();
    expect(container.textContent).toBe(`${evil}<i>命中</i>`);
    expect(container.querySelector('.zw-hit')?.textContent).toBe('<i>命中</i>');
  });

  it('renders nothing for an empty snippet', () => {
    const { container } = render(<Highlight segments={[]} />);
    expect(container.textContent).toBe('');
  });
});
