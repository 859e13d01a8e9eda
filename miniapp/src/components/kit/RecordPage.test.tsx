// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { RecordPage } from './RecordPage';

const reload = vi.fn(async () => true);
const view = (title: string) => <h1>{title}</h1>;

describe('RecordPage', () => {
  it('says what it is opening while it loads, and shows no record', () => {
    render(
      <RecordPage req={{ status: 'loading', reload }} loadingText="正在打开办事指南…">
        {view}
      </RecordPage>,
    );
    expect(screen.getByText('正在打开办事指南…')).toBeTruthy();
    expect(screen.queryByRole('heading')).toBeNull();
  });

  it('offers 重试 after a failure, and retrying reloads', () => {
    render(
      <RecordPage req={{ status: 'error', error: '网络连接失败，请检查网络后重试', reload }} loadingText="…">
        {view}
      </RecordPage>,
    );
    expect(screen.getByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /重试/ }));
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('an unknown id is a dead end with a way home, not 重试', () => {
    render(
      <RecordPage req={{ status: 'done', data: { found: false, message: '没有找到这份政策文件' }, reload }} loadingText="…">
        {view}
      </RecordPage>,
    );
    expect(screen.getByRole('alert').textContent).toContain('没有找到这份政策文件');
    expect(screen.getByRole('button', { name: '返回首页' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /重试/ })).toBeNull();
  });

  it('renders the record through its view', () => {
    render(
      <RecordPage req={{ status: 'done', data: { found: true, data: '最低生活保障' }, reload }} loadingText="…">
        {view}
      </RecordPage>,
    );
    expect(screen.getByRole('heading').textContent).toBe('最低生活保障');
  });
});
