import { Writable } from 'node:stream';
import pino from 'pino';
import { personalMessage } from '../support/activities';
import { postActivity, startTestServer, type TestServer } from '../support/bot-http';

describe('what the bot logs about a question', () => {
  let server: TestServer;
  const lines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    server = await startTestServer({ options: { logger: pino({ level: 'info' }, sink) } });
  });
  afterAll(() => server.close());

  it('records the verdict and cited clauses, never the question (it can name a child)', async () => {
    await postActivity(server.url, personalMessage('Jamie in year 4 sent me an indecent image'));
    const answered = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'answered');
    expect(answered).toMatchObject({ verdict: 'report', urgent: true, clauses: expect.arrayContaining(['2.7.4']) });
    expect(lines.join('')).not.toMatch(/Jamie|indecent image/);
  });
});
