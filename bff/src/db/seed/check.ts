// Validates the seed data against the shared contracts and checks every cross-reference.
// Run: pnpm --filter bff exec tsx src/db/seed/check.ts  (also used by the seed itself).
import { emptyItemDraft, HallInput, InterpretationInput, PolicyInput, ServiceItemInput, WindowInput } from '@zw/shared';
import { seedData } from './data';

export function checkSeed(): string[] {
  const problems: string[] = [];
  const { departments, items, policies, halls } = seedData;
  const deptCodes = new Set(departments.map((d) => d.code));
  const itemCodes = new Set<string>();

  for (const item of items) {
    const { department, ...rest } = item;
    const r = ServiceItemInput.safeParse({ ...emptyItemDraft, ...rest, departmentId: 1 });
    if (!r.success) problems.push(`item ${item.code}: ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    if (!deptCodes.has(department)) problems.push(`item ${item.code}: unknown department ${department}`);
    if (itemCodes.has(item.code)) problems.push(`item ${item.code}: duplicate code`);
    itemCodes.add(item.code);
  }
  for (const p of policies) {
    const { department, interpretations, ...rest } = p;
    const r = PolicyInput.safeParse({ ...rest, departmentId: department ? 1 : null });
    if (!r.success) problems.push(`policy ${p.docNumber}: ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    if (department && !deptCodes.has(department)) problems.push(`policy ${p.docNumber}: unknown department ${department}`);
    if (interpretations.length === 0) problems.push(`policy ${p.docNumber}: no interpretation`);
    for (const it of interpretations) {
      const { itemCodes: codes, ...irest } = it;
      const ir = InterpretationInput.safeParse({ ...irest, policyId: 1, itemIds: [] });
      if (!ir.success)
        problems.push(`interpretation ${it.title}: ${ir.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
      for (const c of codes) if (!itemCodes.has(c)) problems.push(`interpretation ${it.title}: unknown item ${c}`);
    }
  }
  for (const h of halls) {
    const { windows, ...rest } = h;
    const r = HallInput.safeParse(rest);
    if (!r.success) problems.push(`hall ${h.name}: ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    const numbers = new Set<string>();
    for (const w of windows) {
      const { department, itemCodes: codes, ...wrest } = w;
      const wr = WindowInput.safeParse({ ...wrest, hallId: 1, departmentId: null, itemIds: [] });
      if (!wr.success)
        problems.push(`window ${h.name} ${w.number}: ${wr.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
      if (numbers.has(w.number)) problems.push(`window ${h.name} ${w.number}: duplicate number`);
      numbers.add(w.number);
      if (department && !deptCodes.has(department)) problems.push(`window ${w.number}: unknown department ${department}`);
      for (const c of codes) if (!itemCodes.has(c)) problems.push(`window ${w.number}: unknown item ${c}`);
    }
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = checkSeed();
  const { departments, items, policies, halls } = seedData;
  process.stdout.write(
    `departments ${departments.length}, items ${items.length}, policies ${policies.length}, ` +
      `interpretations ${policies.reduce((n, p) => n + p.interpretations.length, 0)}, halls ${halls.length}, ` +
      `windows ${halls.reduce((n, h) => n + h.windows.length, 0)}\n`,
  );
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  process.stdout.write('seed data OK\n');
}
