// Run as a separate process by the concurrency test: opens the same SQLite file and creates N reports.
import { openDatabase } from '../../../src/db/database';
import { reportMigrations, SqliteReportStore } from '../../../src/reports/sqliteReportStore';
import { draft, escalation } from './reportFixtures';

async function main(): Promise<void> {
  const [file, count] = [process.argv[2]!, Number(process.argv[3])];
  const db = openDatabase(file, reportMigrations);
  const store = new SqliteReportStore(db, { escalation });
  const references: string[] = [];
  for (let i = 0; i < count; i++) references.push((await store.createReport(draft())).reference);
  db.close();
  process.stdout.write(JSON.stringify(references));
}

void main();
