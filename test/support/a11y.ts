import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** What axe found on one page: each violated rule with the nodes it names (selector and a snippet). */
export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string; html: string; why: string }[] };

/**
 * axe-core 4 on the page as it is now, against WCAG 2.0/2.1 A and AA. Taro's H5 keeps earlier pages of the
 * stack in the DOM, hidden: axe skips hidden content itself, so the page on screen is what is checked.
 */
export async function axe(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeRaw[] }> } };
    type AxeRaw = {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: unknown[]; html: string; failureSummary?: string }[];
    };
    const { violations } = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        target: n.target.map(String).join(' '),
        html: n.html.slice(0, 160),
        why: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200),
      })),
    }));
  });
}

/** One line per rule, for a failure message a reader can act on. */
export const describeViolations = (vs: AxeViolation[]): string =>
  vs
    .map(
      (v) =>
        `${v.id} (${v.nodes.length}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target} [${n.why}]`)
          .join(' | ')}`,
    )
    .join('\n');
