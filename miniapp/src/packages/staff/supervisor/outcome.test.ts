import { describe, expect, it } from 'vitest';
import { emptyOutcome, personalNumbers, serverOutcomeErrors, validateOutcome, type OutcomeForm } from './outcome';

const good = (patch: Partial<OutcomeForm> = {}): OutcomeForm => ({
  outcome: 'reached',
  attempts: 1,
  citizenView: '群众表示基本满意',
  rectified: true,
  publicNote: '',
  result: '电话回访，窗口已调整取号规则',
  ...patch,
});

describe('personalNumbers', () => {
  it.each([
    ['请拨打 13812345678 联系', 'phone', '13812345678'],
    ['号码 138 1234 5678。', 'phone', '138 1234 5678'],
    ['号码138-1234-5678', 'phone', '138-1234-5678'],
    ['座机 0571-88886666', 'phone', '0571-88886666'],
    ['座机 010 12345678', 'phone', '010 12345678'],
    ['身份证 33010219800101123X', 'id', '33010219800101123X'],
    ['身份证 330102198001011234', 'id', '330102198001011234'],
    ['老证 330102800101123', 'id', '330102800101123'],
    ['全角 １３８１２３４５６７８', 'phone', '13812345678'],
    ['两个号码粘在一起 313812345678', 'phone', '313812345678'],
  ] as const)('finds %j', (text, kind, found) => {
    expect(personalNumbers(text)).toEqual([{ kind, text: found }]);
  });

  it.each(['已于 12 月 3 日回访，群众满意', '可拨打 12345 政务服务热线', '2026-12-03 回访', '共联系 3 次', '受理编号 QX20261203001', ''])(
    'leaves %j alone',
    (text) => {
      expect(personalNumbers(text)).toEqual([]);
    },
  );
});

describe('validateOutcome', () => {
  it('an empty form names every required field', () => {
    const r = validateOutcome(emptyOutcome());
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual({
        outcome: '请选择是否联系上群众',
        citizenView: '请填写群众的意见',
        rectified: '请选择是否已整改',
        result: '请填写回访结果（至少 2 个字）',
      });
  });

  it('a complete form gives the body, trimmed, with no public note when none was written', () => {
    expect(validateOutcome(good({ citizenView: '  满意  ', publicNote: '   ' }))).toEqual({
      ok: true,
      body: { outcome: 'reached', attempts: 1, citizenView: '满意', rectified: true, result: '电话回访，窗口已调整取号规则' },
    });
    const r = validateOutcome(good({ rectified: false, publicNote: ' 已于 12 月 3 日回访 ' }));
    expect(r.ok && r.body).toMatchObject({ rectified: false, publicNote: '已于 12 月 3 日回访' });
  });

  it('"unreachable" needs at least 3 attempts', () => {
    for (const attempts of [1, 2]) {
      const r = validateOutcome(good({ outcome: 'unreachable', attempts, citizenView: '无人接听' }));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors).toEqual({ attempts: '至少联系 3 次仍联系不上，才能记为“未联系上”' });
    }
    expect(validateOutcome(good({ outcome: 'unreachable', attempts: 3, citizenView: '三次拨打均无人接听' })).ok).toBe(true);
  });

  it.each([0, 11, 2.5, Number.NaN])('refuses %s attempts', (attempts) => {
    const r = validateOutcome(good({ attempts }));
    expect(!r.ok && r.errors).toEqual({ attempts: '联系次数应为 1–10 次' });
  });

  it('an unreachable citizen has no view: asks for what was tried instead', () => {
    const r = validateOutcome(good({ outcome: 'unreachable', attempts: 3, citizenView: ' ' }));
    expect(!r.ok && r.errors).toEqual({ citizenView: '请写明联系经过（如：三次拨打均无人接听）' });
  });

  it('the public note carries no phone or ID number, and at most 500 characters', () => {
    expect(!validateOutcome(good({ publicNote: '如有疑问请拨 13812345678' })).ok).toBe(true);
    const phone = validateOutcome(good({ publicNote: '如有疑问请拨 0571-88886666' }));
    expect(!phone.ok && phone.errors).toEqual({ publicNote: '公开说明会显示给群众，不能写电话号码' });
    const id = validateOutcome(good({ publicNote: '核实身份 33010219800101123X' }));
    expect(!id.ok && id.errors).toEqual({ publicNote: '公开说明会显示给群众，不能写身份证号' });
    const long = validateOutcome(good({ publicNote: '说'.repeat(501) }));
    expect(!long.ok && long.errors).toEqual({ publicNote: '公开说明不能超过 500 字' });
    expect(validateOutcome(good({ publicNote: '说'.repeat(500) })).ok).toBe(true);
  });

  it('the internal result is 2–1000 characters; the citizen view at most 1000', () => {
    expect(!validateOutcome(good({ result: '好' })).ok).toBe(true);
    const r = validateOutcome(good({ result: '果'.repeat(1001), citizenView: '意'.repeat(1001) }));
    expect(!r.ok && r.errors).toEqual({ result: '回访结果不能超过 1000 字', citizenView: '不能超过 1000 字' });
  });

  it("maps the server's issues onto the fields", () => {
    expect(
      serverOutcomeErrors({
        issues: [
          { field: 'attempts', message: '次数不足' },
          { field: 'body.publicNote', message: '含电话' },
          { field: 'other', message: 'x' },
        ],
      }),
    ).toEqual({ attempts: '次数不足', publicNote: '含电话' });
    expect(serverOutcomeErrors(null)).toEqual({});
  });
});
