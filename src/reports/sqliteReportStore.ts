import type { Db, Migration } from '../db/database';
import {
  routeFor,
  guideFor,
  type AuditAction,
  type AuditEntry,
  type ConcernCategory,
  type ConcernDetails,
  type ConcernDraft,
  type ConcernReport,
  type ConcernRoute,
  type ConcernStatus,
  type Person,
  systemActor,
} from './model';
import {
  systemClock,
  type Audience,
  type AlertLocation,
  type Clock,
  type DeliveryReceipt,
  type EscalationDue,
  type EscalationStep,
  type OutboxKind,
  type OutboxMessage,
  type OutboxRecord,
  type ReportStore,
  type TransitionResult,
} from './reportStore';

export const reportMigrations: Migration[] = [
  {
    name: 'reports-1',
    sql: `
      CREATE TABLE concern_reports (
        reference TEXT PRIMARY KEY,
        year INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        category TEXT NOT NULL,
        urgent INTEGER NOT NULL,
        route TEXT NOT NULL CHECK (route IN ('dsl', 'headteacher', 'chair')),
        status TEXT NOT NULL CHECK (status IN ('open', 'acknowledged', 'closed')),
        reporter_id TEXT NOT NULL,
        reporter_name TEXT NOT NULL,
        assignee_id TEXT,
        assignee_name TEXT,
        acknowledged_by_id TEXT,
        acknowledged_by_name TEXT,
        outcome TEXT,
        details_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        acknowledged_at TEXT,
        closed_at TEXT,
        updated_at TEXT NOT NULL,
        UNIQUE (year, seq)
      );
      -- A safeguarding record is never deleted by the application.
      CREATE TRIGGER concern_reports_keep BEFORE DELETE ON concern_reports
      BEGIN SELECT RAISE(ABORT, 'concern reports are never deleted'); END;

      CREATE TABLE concern_audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        reference TEXT NOT NULL REFERENCES concern_reports (reference),
        action TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        actor_name TEXT NOT NULL,
        at TEXT NOT NULL,
        note TEXT
      );
      CREATE INDEX concern_audit_by_reference ON concern_audit (reference, id);
      CREATE TRIGGER concern_audit_no_update BEFORE UPDATE ON concern_audit
      BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
      CREATE TRIGGER concern_audit_no_delete BEFORE DELETE ON concern_audit
      BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

      CREATE TABLE concern_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        reference TEXT NOT NULL REFERENCES concern_reports (reference),
        kind TEXT NOT NULL,
        audience TEXT NOT NULL,
        created_at TEXT NOT NULL,
        next_attempt_at TEXT NOT NULL,
        claimed_until TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        sent_at TEXT
      );
      CREATE INDEX concern_outbox_unsent ON concern_outbox (sent_at, next_attempt_at);

      CREATE TABLE concern_alert_locations (
        reference TEXT PRIMARY KEY REFERENCES concern_reports (reference),
        conversation_id TEXT NOT NULL,
        activity_id TEXT NOT NULL
      );

      CREATE TABLE concern_escalations (
        reference TEXT PRIMARY KEY REFERENCES concern_reports (reference),
        stage INTEGER NOT NULL DEFAULT 0,
        due_at TEXT,
        cleared_at TEXT
      );
      CREATE INDEX concern_escalations_due ON concern_escalations (cleared_at, due_at);
    `,
  },
  {
    // The dialog's id for the draft: a Confirm replayed after a crash finds the report it already made.
    name: 'reports-2',
    sql: `
      ALTER TABLE concern_reports ADD COLUMN draft_id TEXT;
      CREATE UNIQUE INDEX concern_reports_by_draft ON concern_reports (draft_id) WHERE draft_id IS NOT NULL;
    `,
  },
  {
    // A post that started (attempt_started_at) but recorded no outcome was cut off mid-send: Teams may
    // show it already, so it and every later send of it say they may repeat it (may_repeat).
    name: 'reports-3',
    sql: `
      ALTER TABLE concern_outbox ADD COLUMN attempt_started_at TEXT;
      ALTER TABLE concern_outbox ADD COLUMN may_repeat INTEGER NOT NULL DEFAULT 0;
    `,
  },
];

export interface SqliteReportStoreOptions {
  /** Minutes before an unacknowledged concern is chased (config: ESCALATE_URGENT_MINUTES / ESCALATE_OTHER_MINUTES). */
  escalation: { urgentMinutes: number; otherMinutes: number };
  clock?: Clock;
  /** Reference prefix: West Lodge School → WLS-2026-0007. */
  referencePrefix?: string;
  /** Called after a commit that queued outgoing messages (the bot wakes its delivery worker, so alerts go at once). */
  onQueued?: () => void;
}

interface ReportRow {
  reference: string;
  category: string;
  urgent: number;
  route: string;
  status: string;
  reporter_id: string;
  reporter_name: string;
  assignee_id: string | null;
  assignee_name: string | null;
  acknowledged_by_id: string | null;
  acknowledged_by_name: string | null;
  outcome: string | null;
  details_json: string;
  created_at: string;
  acknowledged_at: string | null;
  closed_at: string | null;
  updated_at: string;
}

interface OutboxRow {
  id: number;
  reference: string;
  kind: string;
  audience: string;
  created_at: string;
  next_attempt_at: string;
  attempts: number;
  last_error: string | null;
  sent_at: string | null;
  attempt_started_at: string | null;
  may_repeat: number;
}

const minute = 60_000;

/** The embedded store: the app's one SQLite file, opened with `openDatabase(file, reportMigrations)`. */
export class SqliteReportStore implements ReportStore {
  private readonly clock: Clock;
  private readonly prefix: string;

  constructor(
    private readonly db: Db,
    private readonly options: SqliteReportStoreOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.prefix = options.referencePrefix ?? 'WLS';
  }

  async createReport(draft: ConcernDraft, draftId?: string): Promise<ConcernReport> {
    const create = this.db.transaction((): { reference: string; created: boolean } => {
      if (draftId !== undefined) {
        const existing = this.db.prepare('SELECT reference FROM concern_reports WHERE draft_id = ?').get(draftId) as
          | { reference: string }
          | undefined;
        if (existing) return { reference: existing.reference, created: false };
      }
      const now = this.clock();
      const year = now.getUTCFullYear();
      const { next } = this.db
        .prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM concern_reports WHERE year = ?')
        .get(year) as { next: number };
      const reference = `${this.prefix}-${year}-${String(next).padStart(4, '0')}`;
      const route = routeFor(draft);
      const urgent = guideFor(draft.category).urgent;
      const at = now.toISOString();
      const { category, reporter, ...details } = draft;
      this.db
        .prepare(
          `INSERT INTO concern_reports (reference, year, seq, category, urgent, route, status, reporter_id, reporter_name,
             details_json, created_at, updated_at, draft_id)
           VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)`,
        )
        .run(reference, year, next, category, urgent ? 1 : 0, route, reporter.userId, reporter.name, JSON.stringify(details), at, at, draftId ?? null);
      this.audit(reference, 'created', reporter, at);
      this.enqueue(reference, 'concern-alert', audienceFor(route), at);
      const minutes = urgent ? this.options.escalation.urgentMinutes : this.options.escalation.otherMinutes;
      this.db
        .prepare('INSERT INTO concern_escalations (reference, stage, due_at) VALUES (?, 0, ?)')
        .run(reference, new Date(now.getTime() + minutes * minute).toISOString());
      return { reference, created: true };
    });
    // IMMEDIATE takes the write lock before reading the sequence (and the draft id), so two processes
    // never pick the same number or record the same draft twice.
    const { reference, created } = create.immediate();
    if (created) this.options.onQueued?.();
    return (await this.findReport(reference))!;
  }

  async findReport(reference: string): Promise<ConcernReport | undefined> {
    return this.row(reference);
  }

  async listReports(filter: { status?: ConcernStatus[] } = {}): Promise<ConcernReport[]> {
    const rows = this.db.prepare('SELECT * FROM concern_reports ORDER BY created_at DESC, reference DESC').all() as ReportRow[];
    return rows.map(toReport).filter((r) => !filter.status || filter.status.includes(r.status));
  }

  async auditTrail(reference: string): Promise<AuditEntry[]> {
    const rows = this.db
      .prepare('SELECT reference, action, actor_id, actor_name, at, note FROM concern_audit WHERE reference = ? ORDER BY id')
      .all(reference) as { reference: string; action: AuditAction; actor_id: string; actor_name: string; at: string; note: string | null }[];
    return rows.map((r) => ({
      reference: r.reference,
      action: r.action,
      actor: { userId: r.actor_id, name: r.actor_name },
      at: r.at,
      ...(r.note === null ? {} : { note: r.note }),
    }));
  }

  async readDetails(reference: string, reader: Person): Promise<ConcernDetails | undefined> {
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT details_json FROM concern_reports WHERE reference = ?').get(reference) as
        | { details_json: string }
        | undefined;
      if (!row) return undefined;
      this.audit(reference, 'viewed-details', reader, this.clock().toISOString());
      return JSON.parse(row.details_json) as ConcernDetails;
    })();
  }

  async acknowledge(reference: string, actor: Person): Promise<TransitionResult> {
    return this.transition(reference, (report, at) => {
      if (report.status === 'closed') return 'closed';
      if (report.status === 'acknowledged') return 'already-acknowledged';
      this.markAcknowledged(report, actor, at);
      this.enqueue(reference, 'alert-update', audienceFor(report.route), at);
      return undefined;
    });
  }

  async assign(reference: string, actor: Person): Promise<TransitionResult> {
    return this.transition(reference, (report, at) => {
      if (report.status === 'closed') return 'closed';
      if (report.assignee?.userId === actor.userId) return 'already-assigned-to-you';
      if (report.status === 'open') this.markAcknowledged(report, actor, at);
      this.db
        .prepare('UPDATE concern_reports SET assignee_id = ?, assignee_name = ?, updated_at = ? WHERE reference = ?')
        .run(actor.userId, actor.name, at, reference);
      this.audit(reference, 'assigned', actor, at);
      this.enqueue(reference, 'alert-update', audienceFor(report.route), at);
      return undefined;
    });
  }

  async addNote(reference: string, actor: Person, note: string): Promise<TransitionResult> {
    return this.transition(reference, (report, at) => {
      if (report.status === 'closed') return 'closed';
      this.db.prepare('UPDATE concern_reports SET updated_at = ? WHERE reference = ?').run(at, reference);
      this.audit(reference, 'noted', actor, at, note);
      return undefined;
    });
  }

  async close(reference: string, actor: Person, outcome: string): Promise<TransitionResult> {
    return this.transition(reference, (report, at) => {
      if (report.status === 'closed') return 'closed';
      this.db
        .prepare(
          `UPDATE concern_reports SET status = 'closed', outcome = ?, closed_at = ?, updated_at = ?,
             acknowledged_at = COALESCE(acknowledged_at, ?), acknowledged_by_id = COALESCE(acknowledged_by_id, ?),
             acknowledged_by_name = COALESCE(acknowledged_by_name, ?)
           WHERE reference = ?`,
        )
        .run(outcome, at, at, at, actor.userId, actor.name, reference);
      this.clearEscalation(reference, at);
      this.audit(reference, 'closed', actor, at, outcome);
      this.enqueue(reference, 'alert-update', audienceFor(report.route), at);
      this.enqueue(reference, 'reporter-closed', 'reporter', at);
      return undefined;
    });
  }

  async claimDueMessages(limit: number, leaseMs: number): Promise<OutboxMessage[]> {
    return this.db.transaction(() => {
      const now = this.clock();
      const at = now.toISOString();
      const rows = this.db
        .prepare(
          `SELECT * FROM concern_outbox o
           WHERE o.sent_at IS NULL AND o.next_attempt_at <= ? AND (o.claimed_until IS NULL OR o.claimed_until <= ?)
             AND NOT EXISTS (SELECT 1 FROM concern_outbox p
                             WHERE p.reference = o.reference AND p.audience = o.audience AND p.sent_at IS NULL AND p.id < o.id)
           ORDER BY o.id LIMIT ?`,
        )
        .all(at, at, limit) as OutboxRow[];
      const lease = this.db.prepare('UPDATE concern_outbox SET claimed_until = ? WHERE id = ?');
      const until = new Date(now.getTime() + leaseMs).toISOString();
      for (const row of rows) {
        lease.run(until, row.id);
        // Its lease ran out with a post begun and no outcome recorded: the process died mid-send.
        if (row.attempt_started_at !== null) this.noteMayRepeat(row, 'PolicyGuide stopped while sending it', at);
      }
      return rows.map((row) => ({ ...toMessage(row), mayRepeat: row.may_repeat === 1 || row.attempt_started_at !== null }));
    }).immediate();
  }

  async markAttemptStarted(id: number): Promise<void> {
    this.db.prepare('UPDATE concern_outbox SET attempt_started_at = ? WHERE id = ? AND sent_at IS NULL').run(this.clock().toISOString(), id);
  }

  async markSent(id: number, receipt?: DeliveryReceipt): Promise<void> {
    this.db.transaction(() => {
      const row = this.db.prepare('SELECT reference, kind FROM concern_outbox WHERE id = ? AND sent_at IS NULL').get(id) as
        | { reference: string; kind: OutboxKind }
        | undefined;
      if (!row) return;
      this.db
        .prepare('UPDATE concern_outbox SET sent_at = ?, claimed_until = NULL, attempt_started_at = NULL WHERE id = ?')
        .run(this.clock().toISOString(), id);
      if (row.kind === 'concern-alert' && receipt) {
        this.db
          .prepare('INSERT OR REPLACE INTO concern_alert_locations (reference, conversation_id, activity_id) VALUES (?, ?, ?)')
          .run(row.reference, receipt.conversationId, receipt.activityId);
      }
    })();
  }

  async markFailed(id: number, nextAttemptAt: Date, error: string, mayHaveBeenPosted = false): Promise<void> {
    this.db.transaction(() => {
      const row = this.db.prepare('SELECT * FROM concern_outbox WHERE id = ? AND sent_at IS NULL').get(id) as OutboxRow | undefined;
      if (!row) return;
      this.db
        .prepare(
          `UPDATE concern_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, claimed_until = NULL,
             attempt_started_at = NULL WHERE id = ?`,
        )
        .run(nextAttemptAt.toISOString(), error.slice(0, 500), id);
      if (mayHaveBeenPosted) this.noteMayRepeat(row, 'Teams did not answer', this.clock().toISOString());
    })();
  }

  async outboxFor(reference: string): Promise<OutboxRecord[]> {
    const rows = this.db.prepare('SELECT * FROM concern_outbox WHERE reference = ? ORDER BY id').all(reference) as OutboxRow[];
    return rows.map((r) => ({
      ...toMessage(r),
      nextAttemptAt: r.next_attempt_at,
      ...(r.sent_at === null ? {} : { sentAt: r.sent_at }),
      ...(r.last_error === null ? {} : { lastError: r.last_error }),
    }));
  }

  async alertLocation(reference: string): Promise<AlertLocation | undefined> {
    // The located card is the concern-alert's last post: it said it may repeat when that message was marked so.
    const row = this.db
      .prepare(
        `SELECT l.conversation_id, l.activity_id, o.may_repeat FROM concern_alert_locations l
         JOIN concern_outbox o ON o.reference = l.reference AND o.kind = 'concern-alert'
         WHERE l.reference = ?`,
      )
      .get(reference) as { conversation_id: string; activity_id: string; may_repeat: number } | undefined;
    return row && { conversationId: row.conversation_id, activityId: row.activity_id, mayRepeat: row.may_repeat === 1 };
  }

  async retryNow(audience: Audience): Promise<number> {
    const { changes } = this.db
      .prepare('UPDATE concern_outbox SET next_attempt_at = ? WHERE sent_at IS NULL AND audience = ? AND next_attempt_at > ?')
      .run(this.clock().toISOString(), audience, this.clock().toISOString());
    if (changes > 0) this.options.onQueued?.();
    return changes;
  }

  async dueEscalations(): Promise<EscalationDue[]> {
    const rows = this.db
      .prepare(
        `SELECT e.reference, e.stage, e.due_at FROM concern_escalations e JOIN concern_reports r ON r.reference = e.reference
         WHERE e.cleared_at IS NULL AND e.due_at IS NOT NULL AND e.due_at <= ? AND r.status = 'open'
         ORDER BY e.due_at`,
      )
      .all(this.clock().toISOString()) as { reference: string; stage: number; due_at: string }[];
    return rows.map((r) => ({ reference: r.reference, stage: r.stage, dueAt: r.due_at }));
  }

  async advanceEscalation(step: EscalationStep): Promise<boolean> {
    const moved = this.db.transaction(() => {
      const at = this.clock().toISOString();
      const changed = this.db
        .prepare(
          `UPDATE concern_escalations SET stage = ?, due_at = ?
           WHERE reference = ? AND stage = ? AND cleared_at IS NULL
             AND EXISTS (SELECT 1 FROM concern_reports r WHERE r.reference = concern_escalations.reference AND r.status = 'open')`,
        )
        .run(step.fromStage + 1, step.nextDueAt?.toISOString() ?? null, step.reference, step.fromStage);
      if (changed.changes === 0) return false;
      this.audit(step.reference, step.audit.action, systemActor, at, step.audit.note);
      if (step.message) this.enqueue(step.reference, step.message.kind, step.message.audience, at);
      return true;
    }).immediate();
    if (moved) this.options.onQueued?.();
    return moved;
  }

  private row(reference: string): ConcernReport | undefined {
    const row = this.db.prepare('SELECT * FROM concern_reports WHERE reference = ?').get(reference) as ReportRow | undefined;
    return row && toReport(row);
  }

  /** Runs a state change atomically; `change` returns a refusal reason or undefined when it applied. */
  private async transition(
    reference: string,
    change: (report: ConcernReport, at: string) => 'already-acknowledged' | 'already-assigned-to-you' | 'closed' | undefined,
  ): Promise<TransitionResult> {
    const result = this.db.transaction((): TransitionResult => {
      const report = this.row(reference);
      if (!report) return { kind: 'not-found' };
      const refusal = change(report, this.clock().toISOString());
      const now = this.row(reference)!;
      return refusal ? { kind: 'unchanged', report: now, reason: refusal } : { kind: 'ok', report: now };
    }).immediate();
    if (result.kind === 'ok') this.options.onQueued?.();
    return result;
  }

  private markAcknowledged(report: ConcernReport, actor: Person, at: string): void {
    this.db
      .prepare(
        `UPDATE concern_reports SET status = 'acknowledged', acknowledged_at = ?, acknowledged_by_id = ?, acknowledged_by_name = ?,
           updated_at = ? WHERE reference = ?`,
      )
      .run(at, actor.userId, actor.name, at, report.reference);
    this.clearEscalation(report.reference, at);
    this.audit(report.reference, 'acknowledged', actor, at);
    this.enqueue(report.reference, 'reporter-acknowledged', 'reporter', at);
  }

  private clearEscalation(reference: string, at: string): void {
    this.db.prepare('UPDATE concern_escalations SET cleared_at = ? WHERE reference = ? AND cleared_at IS NULL').run(at, reference);
  }

  private audit(reference: string, action: AuditAction, actor: Person, at: string, note?: string): void {
    this.db
      .prepare('INSERT INTO concern_audit (reference, action, actor_id, actor_name, at, note) VALUES (?, ?, ?, ?, ?, ?)')
      .run(reference, action, actor.userId, actor.name, at, note ?? null);
  }

  /**
   * Marks a message whose post may already be in Teams: this and every later send of it say they may
   * repeat it. The audit trail records the first such interruption only (a Teams outage of hours must
   * not fill it with one line per retry).
   */
  private noteMayRepeat(row: OutboxRow, cause: string, at: string): void {
    this.db.prepare('UPDATE concern_outbox SET may_repeat = 1, attempt_started_at = NULL WHERE id = ?').run(row.id);
    if (row.may_repeat === 0) this.audit(row.reference, 'send-interrupted', systemActor, at, `${messageNames[row.kind as OutboxKind]} (${cause})`);
  }

  private enqueue(reference: string, kind: OutboxKind, audience: Audience, at: string): void {
    this.db
      .prepare('INSERT INTO concern_outbox (reference, kind, audience, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)')
      .run(reference, kind, audience, at, at);
  }
}

function audienceFor(route: ConcernRoute): Audience {
  return route === 'dsl' ? 'dsl-channel' : route;
}

function toMessage(r: OutboxRow): OutboxMessage {
  return {
    id: r.id,
    reference: r.reference,
    kind: r.kind as OutboxKind,
    audience: r.audience as Audience,
    attempts: r.attempts,
    createdAt: r.created_at,
    mayRepeat: r.may_repeat === 1,
  };
}

/** How the audit trail names an outbox message. */
const messageNames: Record<OutboxKind, string> = {
  'concern-alert': 'the alert',
  'alert-update': 'the update of the alert card',
  reminder: 'the reminder',
  'fallback-alert': 'the message to the fallback person',
  'reporter-acknowledged': 'the message telling the reporter it was acknowledged',
  'reporter-closed': 'the message telling the reporter it was closed',
};

function toReport(r: ReportRow): ConcernReport {
  return {
    reference: r.reference,
    category: r.category as ConcernCategory,
    urgent: r.urgent === 1,
    route: r.route as ConcernRoute,
    status: r.status as ConcernStatus,
    reporter: { userId: r.reporter_id, name: r.reporter_name },
    ...(r.assignee_id && r.assignee_name ? { assignee: { userId: r.assignee_id, name: r.assignee_name } } : {}),
    ...(r.outcome === null ? {} : { outcome: r.outcome }),
    createdAt: r.created_at,
    ...(r.acknowledged_at === null ? {} : { acknowledgedAt: r.acknowledged_at }),
    ...(r.acknowledged_by_id && r.acknowledged_by_name
      ? { acknowledgedBy: { userId: r.acknowledged_by_id, name: r.acknowledged_by_name } }
      : {}),
    ...(r.closed_at === null ? {} : { closedAt: r.closed_at }),
    updatedAt: r.updated_at,
  };
}
