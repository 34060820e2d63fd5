import { LRUCache } from 'lru-cache';
import { TurnContext, type Activity, type ConversationReference, type Middleware } from 'botbuilder';
import type { Db, Migration } from '../db/database';
import { log } from '../log';
import type { Person } from '../reports/model';

/**
 * Where the bot can reach people later (proactive messages): each person's 1:1 chat, saved on
 * every 1:1 turn, and the DSL channel, set by a DSL typing `setup dsl` in it — captured from a
 * real conversation, never guessed (DESIGN.md §5).
 */

export const conversationReferenceMigrations: Migration[] = [
  {
    name: 'bot-refs-1',
    sql: `
      CREATE TABLE bot_personal_references (
        user_id TEXT PRIMARY KEY, -- AAD object id, as in DSL_USER_IDS
        name TEXT NOT NULL,
        reference_json TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE bot_dsl_channel (
        id INTEGER PRIMARY KEY CHECK (id = 1), -- one DSL channel per school
        reference_json TEXT NOT NULL,
        set_by_id TEXT NOT NULL,
        set_by_name TEXT NOT NULL,
        set_at TEXT NOT NULL
      );
    `,
  },
];

export type StoredReference = Partial<ConversationReference>;

// People whose saved 1:1 reference this process knows, so most turns need no database read at all.
// Bounded: a school's staff fit many times over; anyone dropped is simply read again.
const MAX_KNOWN_PEOPLE = 5_000;

export class ConversationReferences {
  private readonly statements;
  /** userId → the name and reference JSON this process last saved or read for them. */
  private readonly saved = new LRUCache<string, { name: string; json: string }>({ max: MAX_KNOWN_PEOPLE });

  constructor(db: Db) {
    this.statements = {
      personal: db.prepare<[string], { name: string; reference_json: string }>('SELECT name, reference_json FROM bot_personal_references WHERE user_id = ?'),
      savePersonal: db.prepare(
        `INSERT INTO bot_personal_references (user_id, name, reference_json, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (user_id) DO UPDATE SET name = excluded.name, reference_json = excluded.reference_json, updated_at = excluded.updated_at`,
      ),
      savePersonalReference: db.prepare(
        `INSERT INTO bot_personal_references (user_id, name, reference_json, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (user_id) DO UPDATE SET reference_json = excluded.reference_json, updated_at = excluded.updated_at`,
      ),
      setDslChannel: db.prepare(
        `INSERT INTO bot_dsl_channel (id, reference_json, set_by_id, set_by_name, set_at) VALUES (1, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET reference_json = excluded.reference_json, set_by_id = excluded.set_by_id,
           set_by_name = excluded.set_by_name, set_at = excluded.set_at`,
      ),
      dslChannel: db.prepare<[], { reference_json: string }>('SELECT reference_json FROM bot_dsl_channel WHERE id = 1'),
      latestPersonal: db.prepare<[], { reference_json: string }>('SELECT reference_json FROM bot_personal_references ORDER BY updated_at DESC LIMIT 1'),
    };
  }

  /** Call on every turn: keeps the 1:1 chat reference of whoever wrote (other conversations are ignored). */
  rememberPersonal(activity: Activity): void {
    const userId = activity.from?.aadObjectId;
    if (activity.conversation?.conversationType !== 'personal' || !userId) return;
    const json = JSON.stringify(withoutActivityId(TurnContext.getConversationReference(activity)));
    const name = activity.from.name ?? '';
    // Most turns change nothing: known here, or else read, it avoids a synchronous disk write on
    // every message. This process is the only writer of its SQLite file, so what it saved stays true.
    const saved = this.saved.get(userId);
    if (saved?.name === name && saved.json === json) return;
    const known = this.statements.personal.get(userId);
    if (known?.name !== name || known.reference_json !== json) this.statements.savePersonal.run(userId, name, json, new Date().toISOString());
    this.saved.set(userId, { name, json });
  }

  /** After opening a 1:1 chat proactively (Headteacher, Chair, fallback person, reporter). */
  rememberPersonalReference(userId: string, name: string, reference: StoredReference): void {
    this.statements.savePersonalReference.run(userId, name, JSON.stringify(withoutActivityId(reference)), new Date().toISOString());
    this.saved.delete(userId);
  }

  personal(userId: string): StoredReference | undefined {
    const row = this.statements.personal.get(userId);
    return row && (JSON.parse(row.reference_json) as StoredReference);
  }

  /** The display name last seen for a person, for @mentions. */
  nameOf(userId: string): string | undefined {
    return this.statements.personal.get(userId)?.name || undefined;
  }

  /** Records the channel `setup dsl` was typed in; alerts go there as new posts from now on. */
  setDslChannel(activity: Activity, setBy: Person): void {
    const reference = withoutActivityId(TurnContext.getConversationReference(activity));
    // Teams gives a channel message's conversation id as "19:…@thread.tacv2;messageid=…": without the
    // suffix each alert is a new post in the channel instead of a reply in the setup thread.
    if (reference.conversation?.id) reference.conversation = { ...reference.conversation, id: reference.conversation.id.split(';')[0]! };
    this.statements.setDslChannel.run(JSON.stringify(reference), setBy.userId, setBy.name, new Date().toISOString());
  }

  dslChannel(): StoredReference | undefined {
    const row = this.statements.dslChannel.get();
    return row && (JSON.parse(row.reference_json) as StoredReference);
  }

  /** Any known service URL, tenant and bot account, to open a 1:1 chat with someone the bot has not talked to yet. */
  anyServiceEndpoint(): { serviceUrl: string; tenantId?: string; bot?: StoredReference['bot'] } | undefined {
    const row = this.statements.dslChannel.get() ?? this.statements.latestPersonal.get();
    if (!row) return undefined;
    const reference = JSON.parse(row.reference_json) as StoredReference;
    if (!reference.serviceUrl) return undefined;
    return { serviceUrl: reference.serviceUrl, tenantId: reference.conversation?.tenantId, bot: reference.bot };
  }
}

function withoutActivityId(reference: StoredReference): StoredReference {
  // A stored activity id would make every later message a reply to that old message.
  const { activityId: _ignored, ...rest } = reference;
  return rest;
}

/** Adapter middleware: every 1:1 turn (message, card action, install) refreshes the sender's reference. */
export function rememberPersonalChats(references: ConversationReferences): Middleware {
  return {
    async onTurn(context, next) {
      try {
        references.rememberPersonal(context.activity);
      } catch (error) {
        // Not being able to save a chat reference must never stop someone asking or reporting.
        log.error({ err: error }, 'could not save a conversation reference');
      }
      await next();
    },
  };
}
