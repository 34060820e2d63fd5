import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';

/**
 * Runs axe-core (from node_modules, no CDN) on a page or a tab's frame and returns the serious
 * and critical violations as "rule (impact, n nodes)". evaluate() runs as the browser's
 * debugger, so the page's CSP (no inline scripts) stays in force.
 */
export async function seriousViolations(target: Page | Frame): Promise<string[]> {
  await target.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await target.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}, ${v.nodes} nodes)`);
}
