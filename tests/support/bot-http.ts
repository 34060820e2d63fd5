import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity, Attachment } from 'botbuilder';
import { loadConfig } from '../../src/config';
import { createServer, type PolicyGuideServer, type ServerOptions } from '../../src/server';

export interface TestServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  app: PolicyGuideServer;
  dataDir: string;
  close(): Promise<void>;
}

export interface TestServerOverrides {
  /** Extra environment variables for loadConfig (DATA_DIR is a fresh temp dir unless given). */
  env?: Record<string, string>;
  options?: ServerOptions;
}

/** A real server (restify + CloudAdapter + SQLite in a temp DATA_DIR) on a free port. */
export async function startTestServer(overrides: TestServerOverrides = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'policyguide-test-'));
  const config = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test', ...overrides.env });
  const app = createServer(config, overrides.options);
  const port = await app.listen(0);
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    dataDir,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Posts an activity to /api/messages with deliveryMode "expectReplies": the bot's replies come
 * back in the HTTP response instead of going to the Teams connector. Fails on a non-2xx answer.
 */
export async function postActivity(url: string, activity: Partial<Activity>): Promise<Partial<Activity>[]> {
  const res = await postRaw(url, JSON.stringify({ ...activity, deliveryMode: 'expectReplies' }));
  if (res.status < 200 || res.status > 299) throw new Error(`POST /api/messages answered ${res.status}: ${JSON.stringify(res.body)}`);
  return (res.body as { activities?: Partial<Activity>[] } | undefined)?.activities ?? [];
}

/** A raw POST to /api/messages (for malformed bodies); the body is parsed as JSON when it is JSON. */
export async function postRaw(url: string, body: string, contentType = 'application/json'): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text so a failing assertion shows it
  }
  return { status: res.status, body: parsed };
}

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** The Adaptive Cards in a list of replies, in order. */
export function cardsIn(replies: Partial<Activity>[]): Record<string, any>[] {
  return replies.flatMap((r) => (r.attachments ?? []).filter((a: Attachment) => a.contentType === ADAPTIVE_CARD).map((a) => a.content));
}

/** All the text a card shows or carries (TextBlocks, facts, button titles, urls), for plain assertions. */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === 'string' && ['text', 'title', 'value', 'url', 'label'].includes(key)) parts.push(value);
        else walk(value);
      }
    }
  };
  walk(card);
  return parts.join('\n');
}
