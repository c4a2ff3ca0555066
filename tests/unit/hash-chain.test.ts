import { ChainVerifier, GENESIS_HASH, canonicalJson, contentOf, entryHash, inclusionProof, merkleRoot, verifyInclusion } from '../../shared/runtime/hash-chain';

function chain(length: number): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq += 1) {
    const content = { seq, prevHash, kind: 'offline-payment', at: '2026-03-01T00:00:00.000Z', userId: `u${seq}`, branchId: 'b', months: ['2026-03'], amountFen: 100 * seq, voluntaryFen: 0, toCentreFen: 0, recordedBy: 'f' };
    const hash = entryHash(content as never);
    items.push({ pk: 'DUES#LEDGER', sk: `SEQ#${seq}`, type: 'dues-ledger', gsi1pk: 'x', gsi1sk: 'y', ...content, hash });
    prevHash = hash;
  }
  return items;
}

const verify = (items: Record<string, unknown>[], checkpoints: Array<{ day: string; count: number; headHash: string; at: string }> = [], headSeq = 0) => {
  const verifier = new ChainVerifier('b', { witnesses: checkpoints.map((checkpoint) => ({ count: checkpoint.count, headHash: checkpoint.headHash, label: checkpoint.day })), headSeq });
  items.forEach((item) => verifier.add(item));
  return verifier.result();
};

describe('canonical encoding', () => {
  it('gives the same bytes whatever the key order, and drops undefined fields', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 'x', x: null }], c: undefined })).toBe('{"a":[{"x":null,"y":"x"}],"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson('党费"')).toBe('"党费\\""');
  });

  it('refuses numbers that are not safe integers (money is integer fen)', () => {
    expect(() => canonicalJson({ amountFen: 1.5 })).toThrow(/non-integer/);
    expect(() => canonicalJson({ amountFen: Number.NaN })).toThrow();
  });

  it('hashes the content without storage keys', () => {
    const [item] = chain(1);
    expect(entryHash(contentOf(item!))).toBe(item!.hash);
    expect(Object.keys(contentOf(item!))).not.toEqual(expect.arrayContaining(['pk', 'sk', 'hash']));
  });
});

describe('chain verification', () => {
  it('accepts an intact chain and reports its head', () => {
    const items = chain(5);
    expect(verify(items)).toMatchObject({ ok: true, count: 5, headHash: items[4]!.hash });
    expect(verify([])).toMatchObject({ ok: true, count: 0, headHash: GENESIS_HASH });
  });

  it('reports the first edited entry', () => {
    const items = chain(5);
    items[2] = { ...items[2], amountFen: 1 };
    items[3] = { ...items[3], userId: 'someone-else' };
    expect(verify(items).firstBroken).toMatchObject({ seq: 3, reason: 'hash' });
  });

  it('reports a removed entry as a gap, and a spliced one as a broken link', () => {
    const items = chain(5);
    expect(verify([...items.slice(0, 2), ...items.slice(3)]).firstBroken).toMatchObject({ chain: 'b', seq: 3, reason: 'gap' });
    // The last entry removed: only the head item (or a checkpoint) still knows it was there.
    expect(verify(items.slice(0, 4), [], 5).firstBroken).toMatchObject({ chain: 'b', seq: 5, reason: 'gap' });
    expect(verify(items.slice(0, 4)).ok).toBe(true);
    const forged = chain(5).map((item) => ({ ...item }));
    const other = chain(5).map((item, index) => (index === 2 ? { ...item, prevHash: 'f'.repeat(64) } : item));
    expect(verify([...forged.slice(0, 2), other[2]!, ...forged.slice(3)]).firstBroken).toMatchObject({ seq: 3, reason: 'link' });
  });

  it('catches a chain rewritten consistently after a checkpoint, and entries removed from its end', () => {
    const original = chain(6);
    const checkpoint = { day: '2026-03-01', count: 4, headHash: String(original[3]!.hash), at: '' };
    let prevHash = String(original[1]!.hash);
    const rewritten = original.map((item, index) => {
      if (index < 2) return item;
      const content = { ...contentOf(item), prevHash, ...(index === 2 ? { amountFen: 1 } : {}) };
      const hash = entryHash(content);
      prevHash = hash;
      return { ...item, ...content, hash };
    });
    expect(verify(rewritten).ok).toBe(true);
    expect(verify(rewritten, [checkpoint]).firstBroken).toMatchObject({ seq: 4, reason: 'checkpoint' });
    expect(verify(original.slice(0, 3), [checkpoint]).firstBroken).toMatchObject({ seq: 4, reason: 'checkpoint' });
    expect(verify(original, [checkpoint])).toMatchObject({ ok: true, checkpointsChecked: 1 });
  });
});

describe('Merkle root over chain heads', () => {
  const heads = Array.from({ length: 7 }, (_, index) => ({ chain: `branch-${index}`, seq: index + 1, hash: entryHash({ index }) }));

  it('gives the same root whatever order the heads come in, and another root when any head moves', () => {
    expect(merkleRoot([...heads].reverse())).toBe(merkleRoot(heads));
    expect(merkleRoot(heads.map((head, index) => (index === 3 ? { ...head, seq: head.seq + 1 } : head)))).not.toBe(merkleRoot(heads));
    expect(merkleRoot(heads.slice(1))).not.toBe(merkleRoot(heads));
  });

  it('proves each chain head is in the root, and refuses a proof for a changed head', () => {
    const root = merkleRoot(heads);
    for (const head of heads) {
      const { leaf, proof } = inclusionProof(heads, head.chain)!;
      expect(verifyInclusion(leaf, proof, root)).toBe(true);
      expect(verifyInclusion({ ...leaf, hash: GENESIS_HASH }, proof, root)).toBe(false);
    }
    expect(inclusionProof(heads, 'no-such-branch')).toBeUndefined();
    const single = [heads[0]!];
    expect(verifyInclusion(heads[0]!, inclusionProof(single, heads[0]!.chain)!.proof, merkleRoot(single))).toBe(true);
  });
});
