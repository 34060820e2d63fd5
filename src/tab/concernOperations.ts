import type { ReportStore } from '../reports/reportStore';
import type { ConcernOperations } from './concernsApi';

/**
 * The Concerns tab's operations on the report store. The tab handles the DSL's concerns only:
 * allegations about an adult are routed to the Headteacher or the Chair (1.2.3, 2.1.5) and are
 * neither listed nor opened here.
 */
export function concernOperations(store: ReportStore): ConcernOperations {
  const dslConcern = async (reference: string) => {
    const report = await store.findReport(reference);
    return report?.route === 'dsl' ? report : undefined;
  };
  const ifDsl = async <T>(reference: string, act: () => Promise<T>) => ((await dslConcern(reference)) ? act() : ({ kind: 'not-found' } as const));
  return {
    list: async () => (await store.listReports()).filter((r) => r.route === 'dsl'),
    async view(reference, reader) {
      if (!(await dslConcern(reference))) return undefined;
      const details = await store.readDetails(reference, reader);
      const report = await store.findReport(reference);
      if (!details || !report) return undefined;
      return { report, details, chronology: await store.auditTrail(reference) };
    },
    async history(reference) {
      const report = await dslConcern(reference);
      return report && { report, chronology: await store.auditTrail(reference) };
    },
    acknowledge: (reference, actor) => ifDsl(reference, () => store.acknowledge(reference, actor)),
    assign: (reference, actor) => ifDsl(reference, () => store.assign(reference, actor)),
    note: (reference, actor, note) => ifDsl(reference, () => store.addNote(reference, actor, note)),
    close: (reference, actor, outcome) => ifDsl(reference, () => store.close(reference, actor, outcome)),
  };
}
