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

/** Type and tap-target figures of the page on screen (issue 14): what an elder's eyes and fingers meet. */
export type ElderFigures = {
  /** Visible characters, and the share of them drawn under 18 CSS px. */
  chars: number;
  smallTextShare: number;
  /** Visible controls, and how many are smaller than `min` px in width or height. */
  targets: number;
  smallTargets: number;
  /** The smallest control found under `min` (for the failure message). */
  smallest: string[];
};

export async function elderFigures(page: Page, min: number): Promise<ElderFigures> {
  return page.evaluate((min) => {
    const shown = (el: Element) => (el as HTMLElement).checkVisibility?.({ visibilityProperty: true, opacityProperty: true }) ?? true;
    let chars = 0;
    let small = 0;
    const walker = document.createTreeWalker(document.getElementById('app') ?? document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const count = (n.textContent ?? '').replace(/\s+/g, '').length;
      if (!el || !count || !shown(el)) continue;
      chars += count;
      if (parseFloat(getComputedStyle(el).fontSize) < 18) small += count;
    }
    const CONTROL =
      '[role=button], [role=link], [role=switch], [role=radio], [role=checkbox], [role=tab], a[href], button, input, textarea, .taro-button-core';
    // A control inside another (a label inside a tappable row) is not a target of its own.
    const controls = [...document.querySelectorAll(CONTROL)].filter((el) => shown(el) && !el.parentElement?.closest(CONTROL));
    const tiny = controls
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && (r.width < min - 0.5 || r.height < min - 0.5));
    return {
      chars,
      smallTextShare: chars ? Math.round((small / chars) * 1000) / 1000 : 0,
      targets: controls.length,
      smallTargets: tiny.length,
      smallest: tiny
        .slice(0, 5)
        .map(
          ({ el, r }) =>
            `${el.tagName.toLowerCase()}.${String((el as HTMLElement).className).split(' ')[0]} "${(el.textContent ?? '').trim().slice(0, 12)}" ${Math.round(r.width)}×${Math.round(r.height)}`,
        ),
    };
  }, min);
}
