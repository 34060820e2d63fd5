import { calculateRetryDelay } from '@azure/core-util';
import { log } from '../log';
import { systemClock, type Clock, type DeliveryReceipt, type OutboxMessage, type ReportStore } from './reportStore';

/**
 * Drains the outbox: each due message is handed to `send` (the bot layer posts it to Teams) and is
 * marked sent only after `send` succeeds. A failure or a hung send is retried later with exponential
 * backoff and jitter (or after the connector's Retry-After); a message is never dropped, because a
 * safeguarding alert that gives up is worse than one that keeps trying while escalation chases it.
 *
 * Delivery is at least once: the Bot Framework connector takes no idempotency key and a bot cannot
 * read a channel back, so a post whose answer never came (the process was killed, or Teams did not
 * answer in time) may already be in Teams. Such a message is resent marked `mayRepeat`, and says so.
 */

/**
 * Posts one message; resolves with where an alert card landed (so it can be updated later). Reads
 * and renders everything first, then awaits `attempt.posting()` immediately before the request that
 * posts a new message, so that nothing but that request lies between "attempt started" and "sent".
 */
export type SendMessage = (message: OutboxMessage, attempt: SendAttempt) => Promise<DeliveryReceipt | void>;

export interface SendAttempt {
  /** Aborted when the worker gives up on this attempt (the send timeout). */
  signal: AbortSignal;
  /** Records that the post is going out now; throws if the attempt was already given up. */
  posting(): Promise<void>;
}

/**
 * Thrown by `send` when Teams answered (a status; `retryAfterMs` from a 429's Retry-After) or the
 * message could not go out at all: either way it was not posted, so the retry is not a repeat.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly statusCode?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface DeliveryWorkerOptions {
  store: ReportStore;
  send: SendMessage;
  clock?: Clock;
  /** How often to look for due messages when nobody calls `wake()`. */
  pollMs?: number;
  batchSize?: number;
  /** A send that has not finished by then is abandoned and retried. */
  sendTimeoutMs?: number;
  /** First retry delay; doubles each attempt up to `maxRetryDelayMs` (with jitter). */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** A Retry-After longer than this is shortened to it, so a bad header cannot park an alert for days. */
  maxRetryAfterMs?: number;
}

export class DeliveryWorker {
  private readonly clock: Clock;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly sendTimeoutMs: number;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly maxRetryAfterMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private wakeAgain = false;

  constructor(private readonly options: DeliveryWorkerOptions) {
    this.clock = options.clock ?? systemClock;
    this.pollMs = options.pollMs ?? 500;
    this.batchSize = options.batchSize ?? 10;
    this.sendTimeoutMs = options.sendTimeoutMs ?? 15_000;
    this.retryDelayMs = options.retryDelayMs ?? 1_000;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 5 * 60_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 60 * 60_000;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.wake();
  }

  /** Looks for due messages now (call after writing to the outbox, so alerts go out at once). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeAgain = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.loop().finally(() => {
      this.running = undefined;
      if (!this.stopped) this.timer = setTimeout(() => this.wake(), this.wakeAgain ? 0 : this.pollMs);
      this.wakeAgain = false;
    });
  }

  /** Stops polling and waits for sends in flight (each bounded by the send timeout). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Sends one batch of due messages; returns how many were claimed. */
  async drainOnce(): Promise<number> {
    // The lease outlasts the send timeout, so a message is never claimed twice while in flight.
    const messages = await this.options.store.claimDueMessages(this.batchSize, this.sendTimeoutMs + 30_000);
    await Promise.all(messages.map((message) => this.deliver(message)));
    return messages.length;
  }

  private async loop(): Promise<void> {
    try {
      while (!this.stopped && (await this.drainOnce()) === this.batchSize) {
        // a full batch: there may be more waiting
      }
    } catch (error) {
      log.error({ err: error }, 'outbox drain failed; will retry');
    }
  }

  private async deliver(message: OutboxMessage): Promise<void> {
    const { store, send } = this.options;
    // Once the post may have gone out, a failure that is not Teams' answer (a timeout, a dropped
    // connection, a kill) leaves the outcome unknown.
    let posted = false;
    const attempt = (signal: AbortSignal) =>
      send(message, {
        signal,
        posting: async () => {
          signal.throwIfAborted(); // given up already: a retry is scheduled, so this attempt must not post late
          posted = true;
          await store.markAttemptStarted(message.id);
        },
      });
    let receipt: DeliveryReceipt | void;
    try {
      receipt = await withTimeout(this.sendTimeoutMs, attempt);
    } catch (error) {
      const delayMs = this.retryDelay(message.attempts, error);
      const mayHaveBeenPosted = posted && !(error instanceof DeliveryError);
      await store.markFailed(message.id, new Date(this.clock().getTime() + delayMs), describe(error), mayHaveBeenPosted);
      const status = error instanceof DeliveryError ? error.statusCode : undefined;
      log.warn(
        { outboxId: message.id, reference: message.reference, kind: message.kind, attempt: message.attempts + 1, status, delayMs, mayHaveBeenPosted },
        'message not delivered; will retry',
      );
      return;
    }
    // Nothing may come between Teams' answer and this durable record: a kill in between makes the resend a repeat.
    await store.markSent(message.id, receipt ?? undefined);
    log.info({ outboxId: message.id, reference: message.reference, kind: message.kind }, 'message delivered');
  }

  private retryDelay(attempts: number, error: unknown): number {
    if (error instanceof DeliveryError && error.retryAfterMs !== undefined && Number.isFinite(error.retryAfterMs)) {
      return Math.min(Math.max(error.retryAfterMs, 0), this.maxRetryAfterMs);
    }
    return calculateRetryDelay(attempts, { retryDelayInMs: this.retryDelayMs, maxRetryDelayInMs: this.maxRetryDelayMs }).retryAfterInMs;
  }
}

/**
 * Milliseconds to wait from a Retry-After header: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Undefined when absent or unreadable, so the normal backoff applies.
 */
export function parseRetryAfter(header: string | null | undefined, now: Date): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now.getTime()) : undefined;
}

class SendTimeout extends Error {
  constructor(ms: number) {
    super(`send did not finish within ${ms} ms`);
  }
}

async function withTimeout<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new SendTimeout(ms));
    }, ms);
  });
  try {
    return await Promise.race([run(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A short, text-free description for the outbox row (no report content ever reaches `send` errors). */
function describe(error: unknown): string {
  if (error instanceof DeliveryError) return `${error.statusCode ?? 'no status'}: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
