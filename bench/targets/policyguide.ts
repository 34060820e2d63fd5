/** PolicyGuide itself, built exactly as `npm run bot` builds it, from the environment the bench gives it. */
import { loadConfig } from '../../src/config';
import { createServer } from '../../src/server';
import { announceReady } from './ready';

const app = createServer(loadConfig());
void app.listen(0).then(announceReady);
