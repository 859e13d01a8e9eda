// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DueBadge, StateTag } from './CaseTags';

describe('StateTag', () => {
  it('shows its label, coloured by state', () => {
    const { container, rerender } = render(<StateTag state="answered" label="已答复" />);
    const tag = () => container.firstElementChild!;
    expect(tag().textContent).toBe('已答复');
    expect(tag().className).toBe('zw-case-state zw-case-state--answered');
    rerender(<StateTag state="submitted" label="待受理" />);
    expect(tag().textContent).toBe('待受理');
    expect(tag().className).toBe('zw-case-state zw-case-state--submitted');
  });
});

describe('DueBadge', () => {
  it('says nothing while a case is on time', () => {
    for (const status of ['on_track', 'none', '']) {
      const { container, unmount } = render(<DueBadge status={status} audience="citizen" />);
      expect(container.innerHTML).toBe('');
      unmount();
    }
  });

  it('plain words for citizens, short words for staff', () => {
    const text = (status: string, audience: 'citizen' | 'staff') => {
      const { container, unmount } = render(<DueBadge status={status} audience={audience} />);
      const t = container.textContent;
      unmount();
      return t;
    };
    expect(['due_soon', 'overdue', 'paused'].map((s) => text(s, 'citizen'))).toEqual(['临近期限', '已超期', '期限暂停']);
    expect(['due_soon', 'overdue', 'paused'].map((s) => text(s, 'staff'))).toEqual(['临期', '已超期', '暂停计时']);
  });

  it('keeps the page’s classes (the staff e2e selects .st-due--overdue)', () => {
    const { container } = render(<DueBadge status="overdue" audience="staff" className="st-due st-due--overdue" />);
    expect(container.firstElementChild!.className).toBe('zw-due zw-due--staff zw-due--overdue st-due st-due--overdue');
  });
});
