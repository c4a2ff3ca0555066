import { useState } from 'react';
import { suggestionsApi, type MySuggestion } from '@shared/api';
import { call } from '../../services/api';
import { sendOrQueue } from '../../services/outbox';
import { currentMember } from '../../services/session';
import { newEventId, trackUsage } from '../../services/usage';
import { formProblems, type SubmitForm } from '../services/form-rules';
import { keepSecret, newOwnerSecret, recordIds } from '../services/owner-secrets';
import { useAction, type ActionState } from './use-action';

const EMPTY_FORM: SubmitForm = { title: '', content: '', category: null, anonymous: false };

/** What a submission came to: on the server, or kept on the phone until the network is back. */
export type Submitted = { created: MySuggestion } | { queued: true };

/**
 * The submit form. One clientRequestId per suggestion being written: a retry after a lost answer (weak
 * network at a ranger station) creates no second suggestion; a new one is made after a success. An anonymous
 * suggestion also gets its secret (services/owner-secrets.ts), kept on the phone before it is sent, and the
 * same secret on every retry.
 */
export function useSubmitForm(): {
  form: SubmitForm;
  update: (change: Partial<SubmitForm>) => void;
  problems: string[];
  action: ActionState;
  submit: () => Promise<Submitted | null>;
} {
  const [form, setForm] = useState<SubmitForm>(EMPTY_FORM);
  const [requestId, setRequestId] = useState(() => newEventId());
  const [ownerSecret, setOwnerSecret] = useState<string | null>(null);
  const [shown, setShown] = useState<string[]>([]);
  const action = useAction();
  const update = (change: Partial<SubmitForm>) => {
    setForm((current) => ({ ...current, ...change }));
    setShown([]);
    action.clear();
  };
  const submit = async () => {
    const problems = formProblems(form);
    setShown(problems);
    if (problems.length > 0 || !form.category) return null;
    let outcome: Submitted | null = null;
    const ok = await action.run(async () => {
      const userId = currentMember()?.userId;
      const secret = form.anonymous ? (ownerSecret ?? (await newOwnerSecret())) : undefined;
      if (secret && userId) {
        setOwnerSecret(secret);
        keepSecret(userId, secret);
      }
      const body = { title: form.title, content: form.content, category: form.category!, anonymous: form.anonymous, ...(secret ? { ownerSecret: secret } : {}), clientRequestId: requestId };
      const delivery = await sendOrQueue({ kind: 'suggestion', body }, form.title.trim(), () => call(suggestionsApi.submit, { body }));
      outcome = delivery.sent ? { created: delivery.result.suggestion } : { queued: true };
      if (secret && userId && delivery.sent) recordIds(userId, [{ secret, id: delivery.result.suggestion.id }]);
    });
    if (ok) {
      // Not for an anonymous one: usage counters per member category and hour moving at that moment would
      // narrow down its author (the server sends no feedback signal for it either).
      if (!form.anonymous) trackUsage('suggestions', 'action');
      setRequestId(newEventId());
      setOwnerSecret(null);
      // Kept on the phone now (listed as 待发送): the form is free for the next one.
      if (outcome && 'queued' in outcome) setForm(EMPTY_FORM);
    }
    return outcome;
  };
  return { form, update, problems: shown, action, submit };
}
