import type { AuditEntry, ConcernDetails, ConcernDraft, ConcernReport, ConcernStatus, Person } from './model';

/**
 * The report store owns reports, their audit trail, the outbox of messages to send and the
 * escalation deadlines. Every change to a report writes its audit entry and its outgoing messages
 * in the same transaction, so a crash never leaves a report without its alert or its history.
 * Methods are async so a shared PostgreSQL store can implement the same interface (DESIGN.md §6).
 */
export interface ReportStore {
  /**
   * Commits report + "created" audit + alert + escalation deadline together, then returns the report.
   * With a `draftId` already recorded it returns that report and writes nothing: a Confirm replayed
   * after a crash (report committed, dialog state not yet saved) must not alert the DSL twice.
   */
  createReport(draft: ConcernDraft, draftId?: string): Promise<ConcernReport>;
  findReport(reference: string): Promise<ConcernReport | undefined>;
  listReports(filter?: { status?: ConcernStatus[] }): Promise<ConcernReport[]>;
  auditTrail(reference: string): Promise<AuditEntry[]>;

  /** Returns the free text and audits who read it. The caller has checked the reader may. */
  readDetails(reference: string, reader: Person): Promise<ConcernDetails | undefined>;
  acknowledge(reference: string, actor: Person): Promise<TransitionResult>;
  /** Assigning also acknowledges an open concern: somebody has taken it. */
  assign(reference: string, actor: Person): Promise<TransitionResult>;
  addNote(reference: string, actor: Person, note: string): Promise<TransitionResult>;
  close(reference: string, actor: Person, outcome: string): Promise<TransitionResult>;

  /** Leases due messages (oldest first, one at a time per reference and audience, so an update never overtakes its alert). */
  claimDueMessages(limit: number, leaseMs: number): Promise<OutboxMessage[]>;
  /**
   * Durably notes that a message is about to be posted. A later claim that finds this note with
   * neither markSent nor markFailed after it knows the process died mid-send: Teams may already
   * show the message, so it is resent marked `mayRepeat` (and the concern's audit trail says so).
   */
  markAttemptStarted(id: number): Promise<void>;
  /** Idempotent: a second call changes nothing. `receipt` records where an alert card was posted. */
  markSent(id: number, receipt?: DeliveryReceipt): Promise<void>;
  /** `mayHaveBeenPosted`: Teams gave no answer to a post (a timeout), so the retry is marked `mayRepeat`. */
  markFailed(id: number, nextAttemptAt: Date, error: string, mayHaveBeenPosted?: boolean): Promise<void>;
  outboxFor(reference: string): Promise<OutboxRecord[]>;
  /** Where the alert card for a concern was posted, so it can be updated for everyone. */
  alertLocation(reference: string): Promise<AlertLocation | undefined>;
  /** Makes unsent messages for an audience due now (e.g. the DSL channel has just been set up); returns how many. */
  retryNow(audience: Audience): Promise<number>;

  dueEscalations(): Promise<EscalationDue[]>;
  /** Moves one escalation on if it is still at `fromStage` and the concern is still open. */
  advanceEscalation(step: EscalationStep): Promise<boolean>;
}

/** Refused transitions carry the report so the caller can say why ("already closed by …"). */
export type TransitionResult =
  | { kind: 'ok'; report: ConcernReport }
  | { kind: 'not-found' }
  | { kind: 'unchanged'; report: ConcernReport; reason: TransitionRefusal };

export type TransitionRefusal = 'already-acknowledged' | 'already-assigned-to-you' | 'closed';

/**
 * Who a message is for, resolved by the sender at send time from configuration and stored
 * conversation references (so a new Headteacher in config receives what is still pending).
 */
export type Audience = 'dsl-channel' | 'headteacher' | 'chair' | 'fallback' | 'reporter';

export type OutboxKind =
  | 'concern-alert' // the alert card for a new concern
  | 'alert-update' // the alert card changed (status, assignee): update it in place for everyone
  | 'reminder' // not acknowledged in time: re-alert, @mentioning the DSLs in the channel
  | 'fallback-alert' // still not acknowledged: tell the fallback person 1:1
  | 'reporter-acknowledged'
  | 'reporter-closed';

export interface OutboxMessage {
  id: number;
  reference: string;
  kind: OutboxKind;
  audience: Audience;
  attempts: number; // failed attempts so far
  createdAt: string;
  /**
   * An earlier attempt may already have reached Teams (PolicyGuide died mid-send, or Teams did not
   * answer): the Bot Framework connector has no idempotency key, so this send may show the message
   * twice and says so.
   */
  mayRepeat: boolean;
}

export interface OutboxRecord extends OutboxMessage {
  nextAttemptAt: string;
  sentAt?: string;
  lastError?: string;
}

/** Where a message landed (Teams conversation and activity ids). */
export interface DeliveryReceipt {
  conversationId: string;
  activityId: string;
}

/** The alert card a concern's updates replace; `mayRepeat` when that card said it may repeat an earlier one. */
export interface AlertLocation extends DeliveryReceipt {
  mayRepeat: boolean;
}

export interface EscalationDue {
  reference: string;
  stage: number; // 0: nobody reminded yet; 1: reminded, fallback not yet told
  dueAt: string;
}

export interface EscalationStep {
  reference: string;
  fromStage: number;
  /** Next deadline, or undefined when this was the last step. */
  nextDueAt?: Date;
  message?: { kind: OutboxKind; audience: Audience };
  audit: { action: 'reminded' | 'escalated-to-fallback'; note?: string };
}

/** Injected time, so escalation and retries can be tested without waiting. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
