import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { createServer, type PolicyGuideServer } from '../../src/server';
import { personalMessage, STAFF } from '../support/activities';
import { postActivity } from '../support/bot-http';

/**
 * Alerts, acknowledgements and escalations reach people through the 1:1 reference saved from
 * their last message. Most turns repeat the known reference, so the bot remembers what it saved;
 * a changed one (Teams moved the chat to another service URL, a new display name) must still be
 * saved, also after a restart and after the bot opened the chat itself.
 */
describe("a person's 1:1 conversation reference", () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'policyguide-references-'));
  let app: PolicyGuideServer;
  let url: string;

  const start = async () => {
    app = createServer(loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test' }));
    url = `http://127.0.0.1:${await app.listen(0)}`;
  };
  const ask = (serviceUrl: string, name = STAFF.name) => postActivity(url, { ...personalMessage('can I friend a parent?', { ...STAFF, name }), serviceUrl });
  const saved = () => ({ serviceUrl: app.concerns.references.personal(STAFF.aadObjectId)?.serviceUrl, name: app.concerns.references.nameOf(STAFF.aadObjectId) });

  beforeEach(start);
  afterEach(() => app.close());
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is saved from a message, and saved again when the service URL or the name changes', async () => {
    await ask('https://smba.trafficmanager.net/emea/');
    await ask('https://smba.trafficmanager.net/emea/');
    expect(saved()).toEqual({ serviceUrl: 'https://smba.trafficmanager.net/emea/', name: STAFF.name });
    await ask('https://smba.trafficmanager.net/uk/');
    expect(saved()).toEqual({ serviceUrl: 'https://smba.trafficmanager.net/uk/', name: STAFF.name });
    await ask('https://smba.trafficmanager.net/uk/', 'Sam Teacher-Jones');
    expect(saved()).toEqual({ serviceUrl: 'https://smba.trafficmanager.net/uk/', name: 'Sam Teacher-Jones' });
  });

  it('is saved again after a restart when it changed while the bot was down', async () => {
    await ask('https://smba.trafficmanager.net/emea/');
    await app.close();
    await start(); // another run saves another reference for the same person
    await ask('https://smba.trafficmanager.net/uk/');
    await app.close();
    await start();
    await ask('https://smba.trafficmanager.net/emea/');
    expect(saved().serviceUrl).toBe('https://smba.trafficmanager.net/emea/');
  });

  it('is saved again from a message after the bot opened the chat itself with another reference', async () => {
    await ask('https://smba.trafficmanager.net/emea/');
    app.concerns.references.rememberPersonalReference(STAFF.aadObjectId, '', { serviceUrl: 'https://smba.trafficmanager.net/amer/', conversation: { id: 'a:opened-by-bot' } as never });
    expect(saved().serviceUrl).toBe('https://smba.trafficmanager.net/amer/');
    await ask('https://smba.trafficmanager.net/emea/');
    expect(saved().serviceUrl).toBe('https://smba.trafficmanager.net/emea/');
  });
});
