// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fake } from '../../../test-setup/taro-fake';
import { ApiError } from '../../services/api';
import { NotFound, findById } from './NotFound';

describe('NotFound', () => {
  it('is an alert with the reason and a way home', () => {
    render(<NotFound message="没有找到这份政策文件" />);
    expect(screen.getByRole('alert').textContent).toContain('没有找到这份政策文件');
    fireEvent.click(screen.getByRole('button', { name: '返回首页' }));
    expect(fake.callsOf('reLaunch')).toEqual([{ url: '/pages/index/index' }]);
  });
});

describe('findById', () => {
  it('no id: not found, without asking', async () => {
    await expect(findById(null, () => Promise.reject(new Error('not called')), '链接不完整')).resolves.toEqual({
      found: false,
      message: '链接不完整',
    });
  });

  it('a record, or "not found" for 404/400; other failures throw (the page offers 重试)', async () => {
    await expect(findById(3, async (id) => ({ id }), 'x')).resolves.toEqual({ found: true, data: { id: 3 } });
    const failing = (err: Error) => () => Promise.reject(err);
    await expect(findById(3, failing(new ApiError('政策文件不存在', 404)), '没有找到')).resolves.toEqual({
      found: false,
      message: '政策文件不存在',
    });
    await expect(findById(3, failing(new ApiError('参数错误', 400)), '没有找到')).resolves.toEqual({ found: false, message: '没有找到' });
    await expect(findById(3, failing(new ApiError('服务暂时不可用', 503)), '没有找到')).rejects.toThrow('服务暂时不可用');
  });
});
