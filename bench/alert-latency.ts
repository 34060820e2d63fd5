import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { postActivity } from '../tests/support/bot-http';
import { cardOf, startFakeConnector } from '../tests/support/connector';
import { DSL, inDslChannel, SAFEGUARDING_ENV } from '../tests/support/dslActivities';
import { percentile } from './answer-latency';
import { startTarget } from './child';
import type { AlertLatency } from './report';
import { CONFIRM, REPORT_DIALOG, reporter } from './reporter';

const REFERENCE = /WLS-\d{4}-\d{4}/;

/**
 * Report submitted → DSL alert posted, end to end: PolicyGuide in its own process with a real
 * SQLite file, the Teams connector emulated on localhost (tests/support/connector.ts), the DSL
 * channel set up by a DSL typing `setup dsl`, then `count` staff members each filling a report
 * through the 1:1 dialog. Timed from sending the confirming card submit to the connector
 * receiving the alert card that carries the new reference.
 */
export async function measureAlertLatency(count: number): Promise<AlertLatency & { errors: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'policyguide-bench-alerts-'));
  const connector = await startFakeConnector();
  const bot = await startTarget('bench/targets/policyguide.ts', { DATA_DIR: dataDir, ...SAFEGUARDING_ENV });
  const samples: number[] = [];
  let errors = 0;
  try {
    await postActivity(bot.url, inDslChannel('setup dsl', DSL, connector.serviceUrl));
    for (let i = 0; i < count; i++) {
      const say = reporter(bot.url, connector.serviceUrl, i, 'bench-reporter', '22222222-2222-2222-2222');
      for (const step of REPORT_DIALOG) await say(step);
      const submitted = performance.now();
      const replies = await say(CONFIRM);
      const reference = REFERENCE.exec(JSON.stringify(replies))?.[0];
      if (!reference) {
        errors++;
        continue;
      }
      await connector.waitFor((r) => JSON.stringify(cardOf(r) ?? {}).includes(reference), 30_000);
      samples.push(performance.now() - submitted);
    }
  } finally {
    await bot.stop();
    await connector.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  samples.sort((a, b) => a - b);
  return { alerts: samples.length, p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99), errors };
}
