import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationState, TestAdapter, type TurnContext } from 'botbuilder';
import { openDatabase, type Db } from '../../src/db/database';
import { SqliteStorage, botStateMigrations } from '../../src/bot/sqliteStorage';

describe('SqliteStorage (bot state on the app SQLite file)', () => {
  let dir: string;
  let file: string;
  let db: Db;
  let storage: SqliteStorage;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'policyguide-storage-'));
    file = join(dir, 'policyguide.db');
    db = openDatabase(file, botStateMigrations);
    storage = new SqliteStorage(db);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads back what was written, with an eTag, and nothing for unknown keys', async () => {
    await storage.write({ a: { step: 2, answers: { category: 'bullying' } } });
    const items = await storage.read(['a', 'missing']);
    expect(items.a).toMatchObject({ step: 2, answers: { category: 'bullying' } });
    expect(typeof items.a.eTag).toBe('string');
    expect(items.missing).toBeUndefined();
  });

  it('refuses a write with a stale eTag and keeps the newer state', async () => {
    await storage.write({ a: { n: 1 } });
    const first = (await storage.read(['a'])).a;
    await storage.write({ a: { ...first, n: 2 } });
    await expect(storage.write({ a: { ...first, n: 3 } })).rejects.toThrow(/eTag conflict/);
    expect((await storage.read(['a'])).a.n).toBe(2);
  });

  it('overwrites with eTag "*" whatever is stored', async () => {
    await storage.write({ a: { n: 1 } });
    await storage.write({ a: { n: 5, eTag: '*' } });
    expect((await storage.read(['a'])).a.n).toBe(5);
  });

  it('writes a batch all-or-nothing when one item conflicts', async () => {
    await storage.write({ a: { n: 1 } });
    const stale = (await storage.read(['a'])).a;
    await storage.write({ a: { n: 2 } });
    await expect(storage.write({ b: { n: 1 }, a: { ...stale, n: 9 } })).rejects.toThrow(/eTag conflict/);
    expect(await storage.read(['b'])).toEqual({});
  });

  it('deletes items', async () => {
    await storage.write({ a: { n: 1 }, b: { n: 2 } });
    await storage.delete(['a']);
    expect(Object.keys(await storage.read(['a', 'b']))).toEqual(['b']);
  });

  it('keeps state after the database is closed and reopened (a bot restart)', async () => {
    await storage.write({ 'msteams/conversations/a:1/': { dialogState: { step: 3 } } });
    db.close();
    db = openDatabase(file, botStateMigrations);
    storage = new SqliteStorage(db);
    expect((await storage.read(['msteams/conversations/a:1/']))['msteams/conversations/a:1/']).toMatchObject({ dialogState: { step: 3 } });
  });

  it("serves botbuilder's ConversationState: a second adapter continues the first one's count", async () => {
    const state = new ConversationState(storage);
    const counter = state.createProperty<number>('count');
    const logic = async (context: TurnContext) => {
      const n = (await counter.get(context, 0)) + 1;
      await counter.set(context, n);
      await context.sendActivity(`count ${n}`);
      await state.saveChanges(context);
    };
    await new TestAdapter(logic).send('hi').assertReply('count 1').startTest();
    await new TestAdapter(logic).send('again').assertReply('count 2').startTest();
  });
});
