import { z } from 'zod';
import { PublicPhone } from '../common';
import { field, text } from './field';

/*
 * 服务大厅 and its 窗口. Small and always complete: the whole record is
 * validated on create, so the draft rule is the publish rule. Edited through
 * the API only (no cells, no mini-program form). `status` is not part of
 * their input: a new one starts as a draft and changes by publish/unpublish.
 */

export const hallFields = {
  name: field({ label: '大厅名称', draft: text(100, '大厅名称'), group: 'hall' }),
  address: field({ label: '地址', draft: text(200, '地址'), group: 'hall' }),
  phone: field({ label: '咨询电话', draft: PublicPhone, group: 'hall' }),
  /** Opening hours in words, e.g. 工作日 9:00-12:00、13:30-17:00. */
  hours: field({ label: '办公时间', draft: text(200, '办公时间'), group: 'hall' }),
  description: field({ label: '简介', draft: z.string().trim().max(1000), group: 'hall' }),
  /** How to get there: bus lines, parking. */
  directions: field({ label: '交通指引', draft: z.string().trim().max(500), group: 'hall' }),
};

export const windowFields = {
  hallId: field({ label: '所在大厅', draft: z.number().int().positive(), group: 'window' }),
  /** As painted above the window, e.g. `A05`. */
  number: field({ label: '窗口编号', draft: z.string().trim().min(1).max(10), group: 'window' }),
  name: field({ label: '窗口名称', draft: text(50, '窗口名称'), group: 'window' }),
  departmentId: field({ label: '进驻部门', draft: z.number().int().positive().nullable(), group: 'window' }),
  description: field({ label: '说明', draft: z.string().trim().max(500), group: 'window' }),
  itemIds: field({ label: '可办事项', draft: z.array(z.number().int().positive()), group: 'window' }),
};
