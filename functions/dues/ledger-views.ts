import type { MyLedger } from '../../shared/api/dues';
import type { Caller } from '../../shared/runtime/session';
import { GENESIS_HASH } from '../../shared/runtime/hash-chain';
import { entriesOf, getEntries, listCheckpoints } from './ledger';

/**
 * A member's own entries, each verified: its hash recomputed from its content, and its place in the whole
 * chain (the previous entry's hash is its prevHash, the next entry's prevHash is its hash), without showing
 * anyone else's entries. The latest published checkpoint says up to where the chain was fixed.
 */
export async function myLedger(caller: Caller): Promise<MyLedger> {
  const rows = await entriesOf(caller.userId);
  const neighbours = await getEntries(rows.flatMap(({ entry }) => [entry.seq - 1, entry.seq + 1]));
  const entries = rows.map(({ entry, contentOk }) => {
    const previous = neighbours.get(entry.seq - 1);
    const next = neighbours.get(entry.seq + 1);
    const linkOk = (entry.seq === 1 ? entry.prevHash === GENESIS_HASH : previous?.hash === entry.prevHash) && (next ? next.prevHash === entry.hash : true);
    return { entry, contentOk, linkOk };
  });
  const latestCheckpoint = (await listCheckpoints())[0];
  return {
    entries: entries.reverse(),
    allOk: entries.every((row) => row.contentOk && row.linkOk),
    ...(latestCheckpoint ? { latestCheckpoint } : {}),
  };
}
