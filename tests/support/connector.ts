import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * The Teams connector (Bot Framework REST API v3) emulated on a local HTTP server: the one mock in
 * the safeguarding tests. Give its `serviceUrl` in the activities a test posts; the bot's proactive
 * messages then arrive here. It records every request and can be told to answer the next ones with
 * an error (500, 429 + Retry-After) or to hang.
 */

export interface ConnectorRequest {
  method: string;
  path: string;
  /** Decoded conversation id from the path, when there is one. */
  conversationId?: string;
  /** Decoded activity id from the path (updates and replies). */
  activityId?: string;
  body: any;
  /** What the connector answered: a status, or "hang". */
  answered: number | 'hang';
  /** The id given to a posted activity or created conversation. */
  createdId?: string;
}

/** A planned answer: an error status (with headers such as Retry-After), a delay (a slow Teams), or no answer at all. */
export type PlannedAnswer = { status?: number; headers?: Record<string, string>; delayMs?: number } | 'hang';

export interface FakeConnector {
  serviceUrl: string;
  requests: ConnectorRequest[];
  /** Answers for the next requests, in order; afterwards every request succeeds. */
  plan(...answers: PlannedAnswer[]): void;
  /** Activities successfully posted (new messages and replies), with the conversation they went to. */
  posted(): ConnectorRequest[];
  /** Successful in-place updates (PUT) of earlier activities. */
  updated(): ConnectorRequest[];
  /** Successful 1:1 conversations created (POST /v3/conversations). */
  created(): ConnectorRequest[];
  /** Resolves when a request matching `predicate` has been recorded (generous timeout for loaded machines). */
  waitFor(predicate: (request: ConnectorRequest) => boolean, timeoutMs?: number): Promise<ConnectorRequest>;
  close(): Promise<void>;
}

/** `port`: reuse the port of a connector that was closed (Teams coming back after an outage). */
export async function startFakeConnector(port = 0): Promise<FakeConnector> {
  const requests: ConnectorRequest[] = [];
  const planned: PlannedAnswer[] = [];
  const sockets = new Set<Socket>();
  const waiters: Array<() => void> = [];
  let counter = 0;

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readJson(req);
    const url = new URL(req.url ?? '/', 'http://connector');
    url.pathname = url.pathname.replace(/^\/_connector/, ''); // the Agents Playground's serviceUrl has this prefix
    const match = /^\/v3\/conversations(?:\/([^/]+)(?:\/activities(?:\/([^/]+))?)?)?$/.exec(url.pathname);
    const record: ConnectorRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      conversationId: match?.[1] ? decodeURIComponent(match[1]) : undefined,
      activityId: match?.[2] ? decodeURIComponent(match[2]) : undefined,
      body,
      answered: 200,
    };
    requests.push(record);
    const answer = planned.shift();
    if (answer === 'hang') {
      record.answered = 'hang';
      waiters.splice(0).forEach((wake) => wake());
      return; // never answered; the socket is destroyed on close
    }
    if (answer?.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    if (answer?.status) {
      record.answered = answer.status;
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify({ error: { code: 'Planned', message: `planned ${answer.status}` } }));
    } else if (!match) {
      record.answered = 404;
      res.writeHead(404).end();
    } else {
      const id = match[1] ? `activity-${++counter}` : `a:created-${++counter}`;
      record.createdId = id;
      record.answered = req.method === 'PUT' ? 200 : 201;
      res.writeHead(record.answered, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id }));
    }
    waiters.splice(0).forEach((wake) => wake());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  const succeeded = (r: ConnectorRequest) => typeof r.answered === 'number' && r.answered < 300;

  return {
    serviceUrl: `http://127.0.0.1:${bound}/`,
    requests,
    plan: (...answers) => planned.push(...answers),
    posted: () => requests.filter((r) => succeeded(r) && r.method === 'POST' && r.conversationId !== undefined),
    updated: () => requests.filter((r) => succeeded(r) && r.method === 'PUT'),
    created: () => requests.filter((r) => succeeded(r) && r.method === 'POST' && r.path === '/v3/conversations'),
    async waitFor(predicate, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = requests.find(predicate);
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`the connector did not receive the expected request; it saw: ${requests.map((r) => `${r.method} ${r.path} → ${r.answered}`).join(', ') || 'nothing'}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, 1000));
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

/** The Adaptive Card attached to a recorded activity (undefined for text messages). */
export function cardOf(request: ConnectorRequest): Record<string, any> | undefined {
  return request.body?.attachments?.find((a: { contentType?: string }) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}
