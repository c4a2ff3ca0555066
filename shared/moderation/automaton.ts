/**
 * An Aho–Corasick automaton over UTF-16 code units, laid out in typed arrays so that building it for
 * tens of thousands of words takes a fraction of a second and scanning allocates nothing.
 *
 * States are numbered in breadth-first order and the children of a state are contiguous and sorted by
 * their character, so a transition is a binary search over a short slice; the root's transitions are a
 * dense 64K table because nearly every scanned character starts there.
 */
export class Automaton {
  private constructor(
    /** Root transitions: code unit → state (0 = stay at the root). */
    private readonly rootNext: Int32Array,
    private readonly childStart: Int32Array,
    private readonly childEnd: Int32Array,
    /** Character on the edge into each state. */
    private readonly label: Uint16Array,
    /** Longest proper suffix of a state that is also a state. */
    readonly fail: Int32Array,
    /** Pattern ending exactly at a state, or -1. */
    readonly terminal: Int32Array,
    /** Nearest state on the fail chain that ends a pattern, or 0 (dictionary suffix link). */
    readonly output: Int32Array,
    readonly depth: Int32Array,
    readonly stateCount: number,
  ) {}

  /** Builds the automaton for distinct, non-empty patterns; pattern i is reported as i. */
  static build(patterns: readonly string[]): Automaton {
    // Indexes sorted by their pattern (UTF-16 code unit order), so each state's children come out in order.
    const order = patterns.map((_, index) => index).sort((a, b) => (patterns[a]! < patterns[b]! ? -1 : patterns[a]! > patterns[b]! ? 1 : 0));
    // Exactly one state per distinct prefix: in sorted order, each pattern adds what it does not share with
    // the one before. Sizing the arrays exactly keeps the build's allocations (and the automaton) small.
    let capacity = 1;
    for (let i = 0; i < order.length; i += 1) {
      const pattern = patterns[order[i]!]!;
      const previous = i > 0 ? patterns[order[i - 1]!]! : '';
      let shared = 0;
      while (shared < pattern.length && shared < previous.length && pattern.charCodeAt(shared) === previous.charCodeAt(shared)) shared += 1;
      capacity += pattern.length - shared;
    }
    const childStart = new Int32Array(capacity);
    const childEnd = new Int32Array(capacity);
    const label = new Uint16Array(capacity);
    const parent = new Int32Array(capacity);
    const depth = new Int32Array(capacity);
    const terminal = new Int32Array(capacity).fill(-1);
    // Each state covers a range of the sorted patterns that share its prefix.
    const rangeLo = new Int32Array(capacity);
    const rangeHi = new Int32Array(capacity);
    rangeHi[0] = order.length;
    let count = 1;
    for (let state = 0; state < count; state += 1) {
      const d = depth[state]!;
      let lo = rangeLo[state]!;
      const hi = rangeHi[state]!;
      if (lo < hi && patterns[order[lo]!]!.length === d) {
        terminal[state] = order[lo]!;
        lo += 1;
      }
      childStart[state] = count;
      while (lo < hi) {
        const char = patterns[order[lo]!]!.charCodeAt(d);
        let end = lo + 1;
        while (end < hi && patterns[order[end]!]!.charCodeAt(d) === char) end += 1;
        label[count] = char;
        parent[count] = state;
        depth[count] = d + 1;
        rangeLo[count] = lo;
        rangeHi[count] = end;
        count += 1;
        lo = end;
      }
      childEnd[state] = count;
    }

    const rootNext = new Int32Array(0x10000);
    for (let child = childStart[0]!; child < childEnd[0]!; child += 1) rootNext[label[child]!] = child;
    const fail = new Int32Array(count);
    const output = new Int32Array(count);
    const automaton = new Automaton(rootNext, childStart, childEnd, label, fail, terminal, output, depth, count);
    // Breadth-first numbering means a state's fail target is always computed before the state itself.
    for (let state = 1; state < count; state += 1) {
      const up = parent[state]!;
      if (up !== 0) {
        const char = label[state]!;
        let f = fail[up]!;
        let next = automaton.child(f, char);
        while (next < 0 && f !== 0) {
          f = fail[f]!;
          next = automaton.child(f, char);
        }
        fail[state] = next > 0 ? next : 0;
      }
      const f = fail[state]!;
      output[state] = terminal[f]! >= 0 ? f : output[f]!;
    }
    return automaton;
  }

  /** The child of `state` on `char`, or -1. */
  child(state: number, char: number): number {
    if (state === 0) {
      const next = this.rootNext[char]!;
      return next === 0 ? -1 : next;
    }
    let lo = this.childStart[state]!;
    let hi = this.childEnd[state]!;
    const label = this.label;
    while (hi - lo > 8) {
      const mid = (lo + hi) >>> 1;
      const at = label[mid]!;
      if (at === char) return mid;
      if (at < char) lo = mid + 1;
      else hi = mid;
    }
    for (; lo < hi; lo += 1) if (label[lo] === char) return lo;
    return -1;
  }

  /** The state after reading `char` in `state` (Aho–Corasick goto with failure transitions). */
  step(state: number, char: number): number {
    let s = state;
    while (s !== 0) {
      const next = this.child(s, char);
      if (next >= 0) return next;
      s = this.fail[s]!;
    }
    return this.rootNext[char]!;
  }
}
