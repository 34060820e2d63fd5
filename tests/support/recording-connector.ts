import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

/**
 * The Teams connector, emulated at the protocol level (the only mock): records the conversations
 * the bot opens and the activities it posts to them.
 */
export interface RecordingConnector {
  url: string;
  created: { members?: { id: string; aadObjectId?: string }[]; isGroup?: boolean; tenantId?: string }[];
  posted: { conversationId: string; activity: Partial<Activity> }[];
  /** Answer "create conversation" with this HTTP status (default 201). */
  createStatus: number;
  /** Milliseconds to wait before answering a posted activity (a slow Teams service). */
  postDelayMs: number;
  close(): Promise<void>;
}

export async function startRecordingConnector(): Promise<RecordingConnector> {
  const recorder = { created: [], posted: [], createStatus: 201, postDelayMs: 0 } as unknown as RecordingConnector;
  let n = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const json = body ? JSON.parse(body) : {};
      const reply = (status: number, payload: object) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      const path = (req.url ?? '').replace(/^\/_connector/, '');
      if (req.method === 'POST' && path === '/v3/conversations') {
        recorder.created.push(json);
        if (recorder.createStatus >= 400) return reply(recorder.createStatus, { error: { code: 'Forbidden', message: 'bot not installed' } });
        return reply(201, { id: `a:private-${json.members?.[0]?.id}` });
      }
      const post = /^\/v3\/conversations\/([^/]+)\/activities(\/[^/]+)?$/.exec(path);
      if (req.method === 'POST' && post) {
        recorder.posted.push({ conversationId: decodeURIComponent(post[1]!), activity: json });
        const id = `activity-${++n}`;
        setTimeout(() => reply(200, { id }), recorder.postDelayMs);
        return;
      }
      return reply(404, { error: { code: 'NotFound', message: path } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  recorder.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/_connector`;
  recorder.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return recorder;
}
