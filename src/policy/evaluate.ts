import type { Answer, Verdict } from './types';

/** One line of a gold file (same format as ../shared/eval/dev.jsonl). */
export interface GoldQuestion {
  q: string;
  gold?: string[];
  verdicts?: Verdict[];
  report?: boolean;
  urgent?: boolean;
  scope?: 'out';
}

/** The metrics ../shared/eval/score.mjs prints, under the same names. */
export interface EvalMetrics {
  questions: number;
  hit1: string;
  hit3: string;
  verdict: string;
  reportRecall: string;
  outOfScopeDeclined: string;
  inScopeAnswered: string;
  /** Report offers on questions the gold does not mark as a concern, of all such questions ("3/30"): the price of recall. */
  unmarkedReportOffers: string;
}

export interface EvalResult {
  metrics: EvalMetrics;
  misses: string[];
}

const percent = (hits: number, total: number) => (total ? `${((100 * hits) / total).toFixed(1)}%` : 'n/a');
// Gold ids may carry a printed-label suffix ("3.1.2#4") or a "§"; compare the clause number only.
const clauseNumber = (id: string) => id.replace(/^§/, '').trim();

export function scoreAnswers(gold: GoldQuestion[], answers: Answer[]): EvalResult {
  const misses: string[] = [];
  const count = { ranked: 0, hit1: 0, hit3: 0, verdictTotal: 0, verdictOk: 0, report: 0, reportOk: 0, out: 0, outOk: 0, inScope: 0, inAnswered: 0, unmarked: 0, unmarkedOffers: 0 };
  gold.forEach((g, i) => {
    const a = answers[i];
    const answered = a.answered && a.verdict !== 'not-covered';
    const cited = a.clauses.map((c) => clauseNumber(c.id));
    if (!g.report) {
      count.unmarked++;
      if (a.offerReport) count.unmarkedOffers++;
    }
    if (g.scope === 'out') {
      count.out++;
      if (answered) misses.push(`OOS answered: ${g.q} -> ${cited.slice(0, 3)}`);
      else count.outOk++;
      return;
    }
    if (g.report) {
      count.report++;
      if (a.offerReport) count.reportOk++;
      else misses.push(`no report offer: ${g.q}`);
    } else if (a.offerReport) misses.push(`report offered, not marked: ${g.q} -> ${a.verdict}`);
    if (!g.gold?.length) return;
    count.inScope++;
    if (answered) count.inAnswered++;
    count.ranked++;
    const wanted = new Set(g.gold);
    const hitWithin = (k: number) => cited.slice(0, k).some((id) => wanted.has(id));
    if (hitWithin(1)) count.hit1++;
    if (hitWithin(3)) count.hit3++;
    else misses.push(`miss@3: ${g.q} -> ${cited.slice(0, 3)} want ${g.gold}`);
    if (g.verdicts) {
      count.verdictTotal++;
      if (g.verdicts.includes(a.verdict)) count.verdictOk++;
      else misses.push(`verdict ${a.verdict}: ${g.q} want ${g.verdicts}`);
    }
  });
  return {
    metrics: {
      questions: gold.length,
      hit1: percent(count.hit1, count.ranked),
      hit3: percent(count.hit3, count.ranked),
      verdict: percent(count.verdictOk, count.verdictTotal),
      reportRecall: percent(count.reportOk, count.report),
      outOfScopeDeclined: percent(count.outOk, count.out),
      inScopeAnswered: percent(count.inAnswered, count.inScope),
      unmarkedReportOffers: `${count.unmarkedOffers}/${count.unmarked}`,
    },
    misses,
  };
}
