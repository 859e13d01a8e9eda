// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { emptyItemDraft, type ServiceItem } from '@zw/shared';
import GuideView from './GuideView';

const item: ServiceItem = {
  ...emptyItemDraft,
  code: '36112300MZ-XK-0801',
  name: '结果样本测试',
  itemType: '行政许可',
  status: 'published',
  resultName: '准予登记通知书',
  resultSampleUrl: 'https://zwfw.example.gov.cn/samples/a.pdf',
  id: 1,
  department: { id: 3, name: '清溪县民政局', phone: '0797-6330000' },
  windows: [],
  interpretations: [],
  qrCode: 'ab12cd',
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
};

describe('GuideView', () => {
  it('shows the 七公开 first, in the printed order, with their titles', () => {
    const { container } = render(<GuideView item={item} preview />);
    const titles = [...container.querySelectorAll('.kit-section__title')].map((e) => e.textContent);
    expect(titles.slice(0, 7)).toEqual(['事项名称', '办理依据', '办理程序', '办理条件', '收费标准', '责任单位', '监督电话']);
  });

  it('shows the 办理结果样本 link with the result', () => {
    const { container } = render(<GuideView item={item} preview />);
    expect(container.textContent).toContain('办理结果样本');
    expect(container.textContent).toContain('https://zwfw.example.gov.cn/samples/a.pdf');
    const none = render(<GuideView item={{ ...item, resultSampleUrl: null }} preview />);
    expect(none.container.textContent).not.toContain('办理结果样本');
  });
});
