import { z } from 'zod';
import { zhCN } from 'zod/locales';

/*
 * Validation messages in Chinese, for every schema that does not carry its own
 * wording. Configured here, in the module @zw/shared's index loads first, so the
 * BFF (its 400 answers) and the mini-program (its forms) both get it; zod keeps
 * the setting on globalThis, so every copy of zod in a process shares it.
 *
 * zod's own zh-CN locale is the fallback; the cases citizens meet most often are
 * worded here, because the locale's are written for developers
 * ("数值过大：期望 string <=30 字符", "无效选项：期望以下之一 a|b").
 */

type ErrorMap = NonNullable<z.core.$ZodConfig['localeError']>;
type RawIssue = Parameters<ErrorMap>[0];

const fallback = zhCN().localeError!;

const typeNames: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '是或否（true/false）',
  bigint: '整数',
  date: '日期',
  array: '列表',
  object: '对象',
  record: '对象',
  file: '文件',
};

const list = (values: readonly unknown[]) => values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('、');
const num = (n: number | bigint) => n.toString();

function projectMessage(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '必填';
      return `应为${typeNames[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      if (issue.values.length === 1) return `只能是 ${list(issue.values)}`;
      return `不是可选的值，应为以下之一：${list(issue.values)}`;
    case 'too_big': {
      const max = num(issue.maximum);
      if (issue.origin === 'string') return issue.exact ? `应为 ${max} 个字` : `不能超过 ${max} 个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `最多 ${max} 项`;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
        return issue.inclusive ? `不能大于 ${max}` : `应小于 ${max}`;
      }
      return undefined;
    }
    case 'too_small': {
      const min = num(issue.minimum);
      if (issue.origin === 'string') {
        if (issue.exact) return `应为 ${min} 个字`;
        return issue.minimum === 1 && issue.inclusive !== false ? '不能为空' : `至少 ${min} 个字`;
      }
      if (issue.origin === 'array' || issue.origin === 'set') return issue.minimum === 1 ? '至少选择一项' : `至少 ${min} 项`;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
        return issue.inclusive ? `不能小于 ${min}` : `应大于 ${min}`;
      }
      return undefined;
    }
    case 'invalid_format':
      // The locale would print the regular expression itself.
      return issue.format === 'regex' ? '格式不正确' : undefined;
    case 'unrecognized_keys':
      return `不认识的字段：${list(issue.keys)}`;
    default:
      return undefined;
  }
}

/** Our wording first, zod's zh-CN for the rest. */
export const zhMessages: ErrorMap = (issue) => projectMessage(issue) ?? fallback(issue);

z.config({ localeError: zhMessages });
