import { useState } from 'react';
import { suggestionsApi, type MySuggestion } from '@shared/api';
import { call } from '../../services/api';
import { newEventId, trackUsage } from '../../services/usage';
import { formProblems, type SubmitForm } from '../services/form-rules';
import { useAction, type ActionState } from './use-action';

/**
 * The submit form. One clientRequestId per suggestion being written: a retry after a lost answer (weak
 * network at a ranger station) creates no second suggestion; a new one is made after a success.
 */
export function useSubmitForm(): {
  form: SubmitForm;
  update: (change: Partial<SubmitForm>) => void;
  problems: string[];
  action: ActionState;
  submit: () => Promise<MySuggestion | null>;
} {
  const [form, setForm] = useState<SubmitForm>({ title: '', content: '', category: null, anonymous: false });
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
    let created: MySuggestion | null = null;
    const ok = await action.run(async () => {
      const reply = await call(suggestionsApi.submit, {
        body: { title: form.title, content: form.content, category: form.category!, anonymous: form.anonymous, clientRequestId: requestId },
      });
      created = reply.suggestion;
    });
    if (ok) {
      trackUsage('suggestions', 'action');
      setRequestId(newEventId());
    }
    return created;
  };
  return { form, update, problems: shown, action, submit };
}
