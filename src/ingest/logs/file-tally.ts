/**
 * Per log file (by the store's string id of its name): how many records were handed out, the least first-seen
 * and the greatest last-seen time (µs). Counted over the store's columns in one pass when every record goes out
 * (FlowStore.fileTotals), else record by record as they go (log-ingest.ts).
 */
export class FileTally {
  readonly flows: number[] = [];
  readonly first: number[] = [];
  readonly last: number[] = [];

  add(file: number, first: number, last: number): void {
    const seen = this.flows[file];
    if (seen === undefined) {
      this.flows[file] = 1;
      this.first[file] = first;
      this.last[file] = last;
    } else {
      this.flows[file] = seen + 1;
      if (first < (this.first[file] ?? first)) this.first[file] = first;
      if (last > (this.last[file] ?? last)) this.last[file] = last;
    }
  }
}
