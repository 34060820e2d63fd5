import { log } from '../log';
import type { SafeguardingRoles } from './concernActions';
import type { ConcernReport } from './model';
import { systemClock, type Clock, type EscalationStep, type ReportStore } from './reportStore';

/**
 * Chases concerns nobody has acknowledged. Deadlines live in the store, so a restart loses none:
 * the first missed deadline re-alerts the same people (in the channel with an @mention of the DSLs),
 * the second tells the fallback person 1:1. Acknowledging clears the deadline in the store.
 */

export interface EscalationRoles extends SafeguardingRoles {
  fallbackUserId?: string;
}

export interface EscalationSchedulerOptions {
  store: ReportStore;
  /** Read on every check, so a configuration change applies at once. */
  roles: () => EscalationRoles;
  escalation: { urgentMinutes: number; otherMinutes: number };
  clock?: Clock;
  intervalMs?: number;
}

export class EscalationScheduler {
  private readonly clock: Clock;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(private readonly options: EscalationSchedulerOptions) {
    this.clock = options.clock ?? systemClock;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.running ??= this.checkOnce()
        .catch((error: unknown) => log.error({ err: error }, 'escalation check failed; will retry'))
        .finally(() => (this.running = undefined));
    }, this.options.intervalMs ?? 15_000);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Escalates every concern past its deadline; returns how many moved on. */
  async checkOnce(): Promise<number> {
    const { store } = this.options;
    let moved = 0;
    for (const due of await store.dueEscalations()) {
      const report = await store.findReport(due.reference);
      if (!report) continue;
      if (await store.advanceEscalation(this.nextStep(report, due.stage))) {
        moved++;
        log.warn({ reference: report.reference, stage: due.stage + 1 }, 'concern not acknowledged in time; escalated');
      }
    }
    return moved;
  }

  private nextStep(report: ConcernReport, stage: number): EscalationStep {
    const audience = report.route === 'dsl' ? 'dsl-channel' : report.route;
    if (stage === 0) {
      const minutes = report.urgent ? this.options.escalation.urgentMinutes : this.options.escalation.otherMinutes;
      return {
        reference: report.reference,
        fromStage: 0,
        nextDueAt: new Date(this.clock().getTime() + minutes * 60_000),
        message: { kind: 'reminder', audience },
        audit: { action: 'reminded' },
      };
    }
    const roles = this.options.roles();
    const fallback = roles.fallbackUserId;
    // An allegation about the Headteacher must never reach them, even as the fallback person.
    const fallbackIsSubject = report.route === 'chair' && fallback === roles.headteacherUserId;
    if (fallback && !fallbackIsSubject) {
      return {
        reference: report.reference,
        fromStage: stage,
        message: { kind: 'fallback-alert', audience: 'fallback' },
        audit: { action: 'escalated-to-fallback' },
      };
    }
    return {
      reference: report.reference,
      fromStage: stage,
      message: { kind: 'reminder', audience },
      audit: {
        action: 'escalated-to-fallback',
        note: fallback ? 'The fallback person is the subject of this allegation: reminded again instead.' : 'No fallback person is configured: reminded again instead.',
      },
    };
  }
}
