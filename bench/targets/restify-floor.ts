/** The HTTP floor: restify parsing the same JSON body and answering a tiny JSON reply, nothing else. */
import restify from 'restify';
import { listenAndAnnounce } from './ready';

const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', (req, res, next) => {
  res.send(200, { ok: true, length: JSON.stringify(req.body).length });
  next();
});
listenAndAnnounce(server);
