import { moveToDirectoryShard, unshardedDirectoryPage } from './store';

/**
 * Moves the member profiles written before the directory was sharded (gsi2 `MEMBERS`) into their shards
 * (`MEMBERS#<n>`, shared/runtime/table.ts). Readers gather both layouts, so the platform works before, during and
 * after it; once it has run the old partition stays empty. Idempotent: each move is conditional on the profile
 * still being in the old partition, so a second run, or a run beside profile edits, moves nothing twice.
 */
export async function migrateMemberDirectory(): Promise<{ moved: number; skipped: number }> {
  let moved = 0;
  let skipped = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await unshardedDirectoryPage(start);
    const outcomes = await Promise.all(page.items.map(moveToDirectoryShard));
    moved += outcomes.filter(Boolean).length;
    skipped += outcomes.filter((outcome) => !outcome).length;
    start = page.next;
  } while (start);
  return { moved, skipped };
}
