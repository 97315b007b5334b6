/**
 * The audit report's destinations and evidence as lists built item by item each time they are walked (the
 * report model's ReportList), from the destination groups and a few columns per group. A report of 400,000
 * destinations held whole was most of the audit's memory (about 1.4 kB per destination for its objects and
 * evidence, beside the 0.8 kB of its group); here a destination exists only while a renderer writes it.
 *
 * One walk over the groups at the start takes what the order, the summary and the evidence numbering need: risk,
 * transfer and category (the assessment, remembered per distinct answer) and how many evidence items the group
 * has, beside its counts. Evidence is numbered in group order, destinations are listed in report order (risk,
 * volume, key), exactly as when the report was built whole: a group gives the same destination each time.
 */
import { RISKS, TRANSFERS } from '../core/assessment-vocabulary.js';
import type { DestinationGroup, Evidence, Risk, Transfer } from '../report/model.js';
import type { RendererOrderedList, ReportList } from '../report/report-list.js';
import type { GroupParts, ReportBuilder, SummaryRows } from './build-report.js';
import type { DestinationFacts } from './destination-facts.js';
import type { GroupVerdict, NamesVerdict } from './group-assessment.js';
import { compareKeyParts, type GroupAccumulator, keyHost, keyPlace } from './group-flows.js';

export class AuditReportLists {
  readonly rows: SummaryRows;
  readonly destinations: RendererOrderedList<DestinationGroup>;
  readonly evidence: ReportList<Evidence>;

  constructor(groups: GroupAccumulator[], builder: ReportBuilder) {
    const columns = new GroupColumns(groups, builder);
    this.rows = columns;
    this.destinations = new DestinationList(columns);
    this.evidence = new EvidenceList(columns);
  }
}

/** Per group (group order) what the summary and the orders read, and report order itself. */
class GroupColumns implements SummaryRows {
  readonly length: number;
  readonly #groups: GroupAccumulator[];
  readonly #builder: ReportBuilder;
  /** RISKS index + 1 and TRANSFERS index, per group. */
  readonly #rank: Uint8Array;
  readonly #transfer: Uint8Array;
  readonly #flows: Float64Array;
  readonly #volume: Float64Array;
  readonly #packets: Float64Array;
  readonly #byteless: Uint8Array;
  /** The category of each group (a shared text or null); country and host are read from the group's facts. */
  readonly #category: (string | null)[];
  /**
   * Each group's names' verdict and assessment, from the first walk: its destination and its evidence read them
   * again, and looking them up anew (memo keys spelt per group) cost about a second per walk at 400,000 groups.
   * Two references a group; the objects themselves are shared by the groups with the same answer.
   */
  readonly #namesVerdicts: NamesVerdict[];
  readonly #verdicts: GroupVerdict[];
  /** The number of each group's first evidence item. */
  readonly #evidenceFrom: Float64Array;
  readonly evidenceTotal: number;
  /** Group index of each report position. */
  readonly order: Uint32Array;
  #rendererOrder: Uint32Array | null = null;

  constructor(groups: GroupAccumulator[], builder: ReportBuilder) {
    const n = groups.length;
    this.length = n;
    this.#groups = groups;
    this.#builder = builder;
    this.#rank = new Uint8Array(n);
    this.#transfer = new Uint8Array(n);
    this.#flows = new Float64Array(n);
    this.#volume = new Float64Array(n);
    this.#packets = new Float64Array(n);
    this.#byteless = new Uint8Array(n);
    this.#category = new Array<string | null>(n);
    this.#namesVerdicts = new Array<NamesVerdict>(n);
    this.#verdicts = new Array<GroupVerdict>(n);
    this.#evidenceFrom = new Float64Array(n + 1);
    let next = 1;
    for (let i = 0; i < n; i++) {
      const g = groups[i] as GroupAccumulator;
      const parts = builder.parts(g);
      this.#namesVerdicts[i] = parts.names;
      this.#verdicts[i] = parts.verdict;
      const s = builder.summary(g, parts);
      this.#evidenceFrom[i] = next;
      next += s.evidenceCount;
      this.#rank[i] = RISKS.indexOf(s.risk) + 1;
      this.#transfer[i] = TRANSFERS.indexOf(s.transfer);
      this.#flows[i] = g.flows;
      this.#volume[i] = (g.outBytes ?? 0) + (g.inBytes ?? 0);
      this.#packets[i] = (g.outPackets ?? 0) + (g.inPackets ?? 0);
      this.#byteless[i] = g.outBytes === null && g.inBytes === null ? 1 : 0;
      this.#category[i] = s.category;
    }
    this.#evidenceFrom[n] = next;
    this.evidenceTotal = next - 1;
    this.order = this.#reportOrder();
  }

  /**
   * Highest risk first, then most bytes, then key in code-unit order (unique, so the order is total). The
   * comparator reads flat arrays: on objects spread over the heap it cost ~1.3 s at 130,000 groups. The keys are
   * ranked first in a sort of their own (keyRanks), so this one compares numbers only.
   */
  #reportOrder(): Uint32Array {
    const rank = this.#rank;
    const vol = this.#volume;
    const key = keyRanks(this.#groups);
    const order = Array.from({ length: this.length }, (_, i) => i);
    order.sort(
      (a, b) =>
        (rank[a] as number) - (rank[b] as number) ||
        (vol[b] as number) - (vol[a] as number) ||
        (key[a] as number) - (key[b] as number),
    );
    return Uint32Array.from(order);
  }

  /**
   * Report positions in the renderers' order (format.ts sortGroups: risk, bytes, then the id as text, so "d10"
   * before "d9"), made on first use.
   */
  rendererOrder(): Uint32Array {
    if (this.#rendererOrder === null) {
      const rank = this.#rank;
      const vol = this.#volume;
      const order = this.order;
      const positions = Array.from({ length: this.length }, (_, p) => p);
      positions.sort((a, b) => {
        const ga = order[a] as number;
        const gb = order[b] as number;
        return (
          (rank[ga] as number) - (rank[gb] as number) ||
          (vol[gb] as number) - (vol[ga] as number) ||
          compareDecimalText(a + 1, b + 1)
        );
      });
      this.#rendererOrder = Uint32Array.from(positions);
    }
    return this.#rendererOrder;
  }

  /** The destination at report position `p`, with its id. */
  destination(p: number): DestinationGroup {
    const g = this.order[p] as number;
    const d = this.#builder.destination(
      this.#groups[g] as GroupAccumulator,
      this.#evidenceFrom[g] as number,
      this.#parts(g),
    );
    d.id = `d${p + 1}`;
    return d;
  }

  /** The evidence items of group `g` (group order). */
  evidenceOf(g: number): Evidence[] {
    const first = this.#evidenceFrom[g] as number;
    const items = this.#builder.evidenceOf(this.#groups[g] as GroupAccumulator, first, this.#parts(g));
    // The numbering of every later item rests on this count: a difference is a bug, not a report.
    if (items.length !== (this.#evidenceFrom[g + 1] as number) - first)
      throw new Error(
        `group ${g}: ${items.length} evidence items, ${(this.#evidenceFrom[g + 1] as number) - first} counted`,
      );
    return items;
  }

  /** The kept parts of group `g` (group order). */
  #parts(g: number): GroupParts {
    return this.#builder.partsOf(
      this.#groups[g] as GroupAccumulator,
      this.#namesVerdicts[g] as NamesVerdict,
      this.#verdicts[g] as GroupVerdict,
    );
  }

  // SummaryRows: by report position.
  #g(p: number): number {
    return this.order[p] as number;
  }
  risk(p: number): Risk {
    return RISKS[(this.#rank[this.#g(p)] as number) - 1] as Risk;
  }
  transfer(p: number): Transfer {
    return TRANSFERS[this.#transfer[this.#g(p)] as number] as Transfer;
  }
  flows(p: number): number {
    return this.#flows[this.#g(p)] as number;
  }
  volume(p: number): number {
    return this.#volume[this.#g(p)] as number;
  }
  packets(p: number): number {
    return this.#packets[this.#g(p)] as number;
  }
  byteless(p: number): boolean {
    return this.#byteless[this.#g(p)] === 1;
  }
  country(p: number): string | null {
    return this.#facts(p).country;
  }
  operator(p: number): string | null {
    return this.#facts(p).operator?.name ?? null;
  }
  hqCountry(p: number): string | null {
    return this.#facts(p).operator?.hqCountry ?? null;
  }
  #facts(p: number): DestinationFacts {
    return (this.#groups[this.#g(p)] as GroupAccumulator).facts;
  }
  category(p: number): string | null {
    return this.#category[this.#g(p)] ?? null;
  }
}

/**
 * Per group, the rank of its key (`host|name|place`) among all groups' keys, in code-unit order, without spelling
 * the keys: their parts are read from flat arrays (a group's own fields are spread over the heap), and most
 * comparisons end on one part that differs from the other without being its prefix. Keys are unique per group.
 * Measured at 398,621 groups: the report order 1.10 -> 0.85 s. Sorting the key texts natively instead (each with
 * its group's number) took longer and kept ~60 MB more at the audit's peak.
 */
function keyRanks(groups: GroupAccumulator[]): Uint32Array {
  const n = groups.length;
  const hosts = new Array<string>(n);
  const names = new Array<string>(n);
  const places = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const g = groups[i] as GroupAccumulator;
    hosts[i] = keyHost(g.facts);
    names[i] = g.bestName ?? g.firstIp;
    places[i] = keyPlace(g.facts);
  }
  const sorted = Array.from({ length: n }, (_, i) => i);
  sorted.sort((a, b) => {
    const h1 = hosts[a] as string;
    const h2 = hosts[b] as string;
    const n1 = names[a] as string;
    const n2 = names[b] as string;
    if (h1 === h2 && n1 !== n2 && !n1.startsWith(n2) && !n2.startsWith(n1)) return n1 < n2 ? -1 : 1;
    return compareKeyParts(h1, n1, places[a] as string, h2, n2, places[b] as string);
  });
  const ranks = new Uint32Array(n);
  for (let k = 0; k < n; k++) ranks[sorted[k] as number] = k;
  return ranks;
}

class DestinationList implements RendererOrderedList<DestinationGroup> {
  constructor(readonly columns: GroupColumns) {}

  get length(): number {
    return this.columns.length;
  }

  *[Symbol.iterator](): Iterator<DestinationGroup> {
    for (let p = 0; p < this.columns.length; p++) yield this.columns.destination(p);
  }

  *inRendererOrder(): Iterable<DestinationGroup> {
    for (const p of this.columns.rendererOrder()) yield this.columns.destination(p);
  }
}

class EvidenceList implements ReportList<Evidence> {
  constructor(readonly columns: GroupColumns) {}

  get length(): number {
    return this.columns.evidenceTotal;
  }

  *[Symbol.iterator](): Iterator<Evidence> {
    for (let g = 0; g < this.columns.length; g++) yield* this.columns.evidenceOf(g);
  }
}

/** Compares the decimal texts of two non-negative integers as text ("10" < "9"), without making them. */
export function compareDecimalText(a: number, b: number): number {
  if (a === b) return 0;
  const da = digits(a);
  const db = digits(b);
  // Scaled to the same number of digits, the texts compare as the numbers; equal then means one is a prefix of
  // the other, and the shorter comes first.
  const sa = da < db ? a * 10 ** (db - da) : a;
  const sb = db < da ? b * 10 ** (da - db) : b;
  return sa !== sb ? sa - sb : da - db;
}

function digits(n: number): number {
  let d = 1;
  for (let x = n; x >= 10; x = Math.floor(x / 10)) d++;
  return d;
}
