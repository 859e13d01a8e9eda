// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Field, FieldError } from './Field';

describe('FieldError', () => {
  it('renders nothing without a message', () => {
    const { container } = render(<FieldError text="" />);
    expect(container.innerHTML).toBe('');
  });

  it('is an alert with the message, naming its field', () => {
    render(<FieldError text="请填写联系电话" field="phone" className="ed-error" />);
    const el = screen.getByRole('alert');
    expect(el.textContent).toBe('请填写联系电话');
    expect(el.getAttribute('data-field')).toBe('phone');
    expect(el.className).toBe('zw-field-error ed-error');
  });
});

describe('Field', () => {
  it('shows the label with its marks, the control and the hint; no message, no error state', () => {
    const { container } = render(
      <Field label="联系电话" required hint="只用于回复您" field="phone" className="case-field">
        <input aria-label="联系电话" />
      </Field>,
    );
    const root = container.firstElementChild!;
    expect(root.className).toBe('zw-field case-field');
    expect(root.getAttribute('data-field')).toBe('phone');
    expect(container.querySelector('.zw-field__label')?.textContent).toBe('联系电话*');
    expect(container.querySelector('.zw-field__hint')?.textContent).toBe('只用于回复您');
    expect(screen.getByLabelText('联系电话')).not.toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('optional and 七公开 marks', () => {
    const { container } = render(
      <>
        <Field label="邮箱" optional>
          <input />
        </Field>
        <Field label="办理时限" seven>
          <input />
        </Field>
      </>,
    );
    const labels = [...container.querySelectorAll('.zw-field__label')].map((e) => e.textContent);
    expect(labels).toEqual(['邮箱（选填）', '办理时限七公开']);
  });

  it('with an error: marked, and its message is an alert directly inside the field', () => {
    const { container } = render(
      <Field label="事项名称" field="name" error="请填写事项名称" className="ed-field" errorClassName="ed-error" extra={<span>12/60</span>}>
        <input />
      </Field>,
    );
    const root = container.firstElementChild!;
    expect(root.classList.contains('zw-field--error')).toBe(true);
    expect(screen.getByRole('alert').textContent).toBe('请填写事项名称');
    // The editor's e2e selector: `.ed-field[data-field=…] > .ed-error`.
    expect(container.querySelector('.ed-field[data-field="name"] > .ed-error')?.textContent).toBe('请填写事项名称');
    expect(container.querySelector('.zw-field__head')?.textContent).toBe('事项名称12/60');
  });
});
