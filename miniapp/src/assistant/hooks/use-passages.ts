import { useState } from 'react';
import { assistantApi, type ManagedPassage } from '@shared/api';
import { useAsync } from '../../hooks/use-async';
import { call, messageOf } from '../../services/api';
import { newRequestId } from '../../services/request-id';

export interface PassageDraft {
  title: string;
  text: string;
  source: string;
}

const EMPTY: PassageDraft = { title: '', text: '', source: '' };

/**
 * The corpus for admins: every passage with its state, adding one (the same request id on a retry, so a weak
 * network adds it once) and retiring one. Each change is a new version of the corpus.
 */
export function usePassages(enabled: boolean) {
  const corpus = useAsync(() => call(assistantApi.listPassages), enabled);
  const [draft, setDraft] = useState<PassageDraft>(EMPTY);
  const [requestId, setRequestId] = useState(() => newRequestId('passage'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (action: () => Promise<unknown>, after?: () => void) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      after?.();
      corpus.reload();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const add = () =>
    run(
      () => call(assistantApi.addPassage, { body: { ...draft, clientRequestId: requestId } }),
      () => {
        setDraft(EMPTY);
        setRequestId(newRequestId('passage'));
      },
    );
  const retire = (passage: ManagedPassage) => run(() => call(assistantApi.retirePassage, { params: { id: passage.id } }));

  return { corpus, draft, setDraft, add, retire, busy, error };
}
