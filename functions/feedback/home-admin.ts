import type { HomeLayout } from '../../shared/api/feedback';
import { MEMBER_CATEGORIES, type MemberCategory } from '../../shared/api/identity-model';
import type { CapabilityKey } from '../../shared/api/capabilities';
import type { Caller } from '../../shared/runtime/session';
import { getHomeLayout, saveHomeChoices } from './store';

const withoutRevision = ({ revision: _revision, ...layout }: HomeLayout & { revision: number }): HomeLayout => layout;

export async function homeLayouts(): Promise<HomeLayout[]> {
  return (await Promise.all(MEMBER_CATEGORIES.map(getHomeLayout))).map(withoutRevision);
}

/** An admin's pins and hidden entries for one category (an entry is either pinned or hidden, pinning wins). */
export async function updateHomeLayout(caller: Caller, category: MemberCategory, choice: { pinned: CapabilityKey[]; hidden: CapabilityKey[] }, now = new Date()): Promise<HomeLayout> {
  const current = await getHomeLayout(category);
  const pinned = [...new Set(choice.pinned)];
  const hidden = [...new Set(choice.hidden)].filter((key) => !pinned.includes(key));
  const next = { ...current, pinned, hidden };
  await saveHomeChoices(next, caller.name, now.toISOString());
  return withoutRevision(next);
}
