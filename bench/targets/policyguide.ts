/** PolicyGuide itself, built exactly as `npm run bot` builds it, from the environment the bench gives it. */
import { loadConfig } from '../../src/config';
import { createServer } from '../../src/server';
import { announceReady } from './ready';

const app = createServer(loadConfig());
void app.listen(0).then(announceReady);

// The bench reads memory after a full collection (bench/run.ts starts this with --expose-gc).
process.on('SIGUSR2', () => (globalThis as { gc?: () => void }).gc?.());
