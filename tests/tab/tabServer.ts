import restify from 'restify';
import { loadAnswerEngine } from '../../src/policy/engine';
import { registerTabRoutes, type TabDeps } from '../../src/tab/routes';

export interface TabTestServer {
  url: string;
  close(): Promise<void>;
}

/** A real restify server with only the tab routes, on a free loopback port. */
export async function startTabServer(overrides: Partial<TabDeps> = {}): Promise<TabTestServer> {
  const server = restify.createServer({ handleUncaughtExceptions: false });
  registerTabRoutes(server, { engine: loadAnswerEngine(), ...overrides });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
