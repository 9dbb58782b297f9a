/** Binary-classification counts and the numbers the eval prints. */
export class Confusion {
  tp = 0;
  fp = 0;
  tn = 0;
  fn = 0;

  add(predicted: boolean, actual: boolean): void {
    if (predicted && actual) this.tp += 1;
    else if (predicted) this.fp += 1;
    else if (actual) this.fn += 1;
    else this.tn += 1;
  }

  get n(): number {
    return this.tp + this.fp + this.tn + this.fn;
  }
  get precision(): number {
    return this.tp / (this.tp + this.fp || 1);
  }
  get recall(): number {
    return this.tp / (this.tp + this.fn || 1);
  }
  get f1(): number {
    return (2 * this.tp) / (2 * this.tp + this.fp + this.fn || 1);
  }
  get fpr(): number {
    return this.fp / (this.fp + this.tn || 1);
  }
}

/** Area under the ROC curve of `scores` for `labels` (rank statistic; ties count half). */
export function auc(scores: readonly number[], labels: readonly boolean[]): number {
  const order = scores.map((s, i) => ({ s, y: labels[i]! })).sort((a, b) => a.s - b.s);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j]!.s === order[i]!.s) j += 1;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k += 1) if (order[k]!.y) {
      rankSum += rank;
      positives += 1;
    }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

const fmt = (x: number) => (Number.isNaN(x) ? "  –  " : x.toFixed(3));

export interface Row {
  name: string;
  confusion: Confusion;
  note?: string;
}

/** A fixed-width table: name, n, precision, recall, F1, false-positive rate. */
export function table(title: string, rows: readonly Row[]): string {
  const width = Math.max(28, ...rows.map((r) => r.name.length + 2));
  const head = `${"".padEnd(width)}${"n".padStart(6)}${"P".padStart(8)}${"R".padStart(8)}${"F1".padStart(8)}${"FPR".padStart(8)}`;
  const lines = rows.map((r) => {
    const c = r.confusion;
    const hasPos = c.tp + c.fn > 0;
    const hasNeg = c.fp + c.tn > 0;
    return (
      r.name.padEnd(width) +
      String(c.n).padStart(6) +
      (hasNeg || c.tp > 0 ? fmt(c.precision) : "  –  ").padStart(8) +
      (hasPos ? fmt(c.recall) : "  –  ").padStart(8) +
      (hasPos ? fmt(c.f1) : "  –  ").padStart(8) +
      (hasNeg ? fmt(c.fpr) : "  –  ").padStart(8) +
      (r.note ? `  ${r.note}` : "")
    );
  });
  return [`\n## ${title}`, head, ...lines].join("\n");
}
