import autocannon from 'autocannon';
import { personalMessage } from './questions';

export interface LoadOptions {
  connections: number;
  durationSec: number;
  questions: string[];
  /** For bots: a 200 without reply activities is an error, not a fast answer. */
  expectReplies: boolean;
}

export interface LoadResult {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Connection errors + timeouts + non-2xx + responses without the expected replies. */
  errors: number;
  /**
   * The server's own CPU time per request (set by the caller, which knows the server's pid).
   * Unlike req/s it hardly moves when other work shares the machine.
   */
  serverCpuMsPerRequest?: number;
}

/**
 * autocannon against POST /api/messages. Every connection is one user posting the questions in
 * turn (the next question is set when the previous answer arrives), so every target parses the
 * same bodies and the bot answers the whole question set rather than one cached question.
 */
export async function runLoad(baseUrl: string, options: LoadOptions): Promise<LoadResult> {
  const { questions } = options;
  let nextUser = 0;
  const result = await autocannon({
    url: `${baseUrl}/api/messages`,
    connections: options.connections,
    duration: options.durationSec,
    timeout: 10,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: personalMessage(questions[0], 0, 0),
    setupClient: (client) => {
      const user = nextUser++;
      let sequence = user; // connections start at different questions
      const setNext = () => client.setBody(personalMessage(questions[sequence % questions.length], user, sequence++));
      setNext();
      client.on('response', setNext);
    },
    verifyBody: options.expectReplies ? (body) => body.includes('"activities":[{') : () => true,
  });
  return {
    requestsPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.non2xx + result.mismatches,
  };
}
