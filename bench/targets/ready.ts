import type { Server } from 'restify';

/**
 * Every benchmark target runs in its own child process (so it never shares the load generator's
 * CPU), listens on a free port and tells the parent which one with a single stdout line.
 */
export function announceReady(port: number): void {
  process.stdout.write(`${JSON.stringify({ ready: true, port })}\n`);
}

export function listenAndAnnounce(server: Server): void {
  server.listen(0, '127.0.0.1', () => announceReady(server.address().port));
}
