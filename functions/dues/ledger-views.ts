import type { MyLedger } from '../../shared/api/dues';
import type { Caller } from '../../shared/runtime/session';
import { chainProof, entriesOf, entryOf, getEntries, LEGACY_CHAIN, ledgerGenesis, listCheckpoints, refOf } from './ledger';

/**
 * A member's own entries, each verified: its hash recomputed from its content, and its place in its chain
 * (the previous entry's hash is its prevHash, the next entry's prevHash is its hash). For each chain holding
 * them, the chain recomputed up to its head and that head's Merkle inclusion proof in the latest checkpoint,
 * whose root admins and finance received outside the table — without showing anyone else's entries.
 */
export async function myLedger(caller: Caller): Promise<MyLedger> {
  const rows = await entriesOf(caller.userId);
  const neighbours = await getEntries(rows.flatMap(({ entry }) => [{ ...refOf(entry), seq: entry.seq - 1 }, { ...refOf(entry), seq: entry.seq + 1 }]));
  const genesis = rows.some(({ entry }) => entry.chain !== undefined && entry.seq === 1) ? (await ledgerGenesis()).headHash : undefined;
  const entries = rows.map(({ entry, contentOk }) => {
    const previous = entryOf(neighbours, { ...refOf(entry), seq: entry.seq - 1 });
    const next = entryOf(neighbours, { ...refOf(entry), seq: entry.seq + 1 });
    const firstLinkOk = entry.chain === undefined ? /^0{64}$/.test(entry.prevHash) : entry.prevHash === genesis;
    const linkOk = (entry.seq === 1 ? firstLinkOk : previous?.hash === entry.prevHash) && (next ? next.prevHash === entry.hash : true);
    return { entry, contentOk, linkOk };
  });
  const chains = await Promise.all([...new Set(rows.map(({ entry }) => entry.chain ?? LEGACY_CHAIN))].sort().map((chain) => chainProof(chain)));
  const latestCheckpoint = (await listCheckpoints())[0];
  const chainsOk = chains.every((proof) => proof.chainOk && (proof.checkpoint ? proof.checkpoint.included && proof.checkpoint.signatureOk : true));
  return {
    entries: entries.reverse(),
    allOk: entries.every((row) => row.contentOk && row.linkOk) && chainsOk,
    ...(latestCheckpoint ? { latestCheckpoint } : {}),
    chains,
  };
}
