import { useState } from 'react';
import { suggestionsApi, type MySuggestion } from '@shared/api';
import { call } from '../../services/api';
import { sendOrQueue } from '../../services/outbox';
import { newEventId, trackUsage } from '../../services/usage';
import { formProblems, type SubmitForm } from '../services/form-rules';
import { useAction, type ActionState } from './use-action';

const EMPTY_FORM: SubmitForm = { title: '', content: '', category: null, anonymous: false };

/** What a submission came to: on the server, or kept on the phone until the network is back. */
export type Submitted = { created: MySuggestion } | { queued: true };

/**
 * The submit form. One clientRequestId per suggestion being written: a retry after a lost answer (weak
 * network at a ranger station) creates no second suggestion; a new one is made after a success.
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
    const body = { title: form.title, content: form.content, category: form.category, anonymous: form.anonymous, clientRequestId: requestId };
    const ok = await action.run(async () => {
      const delivery = await sendOrQueue({ kind: 'suggestion', body }, form.title.trim(), () => call(suggestionsApi.submit, { body }));
      outcome = delivery.sent ? { created: delivery.result.suggestion } : { queued: true };
    });
    if (ok) {
      trackUsage('suggestions', 'action');
      setRequestId(newEventId());
      // Kept on the phone now (listed as 待发送): the form is free for the next one.
      if (outcome && 'queued' in outcome) setForm(EMPTY_FORM);
    }
    return outcome;
  };
  return { form, update, problems: shown, action, submit };
}
