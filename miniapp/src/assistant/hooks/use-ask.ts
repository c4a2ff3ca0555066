import { useState } from 'react';
import { assistantApi, MAX_QUESTION_LENGTH, type Answer } from '@shared/api';
import { call, messageOf } from '../../services/api';

export interface AskState {
  question: string;
  /** The question the answer on screen is for. */
  asked: string;
  answer: Answer | null;
  busy: boolean;
  error: string | null;
}

/** One question at a time; the answer stays on screen until the next one. Nothing is kept on the phone. */
export function useAsk() {
  const [state, setState] = useState<AskState>({ question: '', asked: '', answer: null, busy: false, error: null });
  const setQuestion = (question: string) => setState((current) => ({ ...current, question: question.slice(0, MAX_QUESTION_LENGTH) }));
  const ask = async (text = state.question) => {
    const question = text.trim();
    if (question === '' || state.busy) return;
    setState((current) => ({ ...current, question, busy: true, error: null }));
    try {
      const answer = await call(assistantApi.ask, { body: { question } });
      setState((current) => ({ ...current, asked: question, answer, busy: false }));
    } catch (error) {
      setState((current) => ({ ...current, busy: false, error: messageOf(error) }));
    }
  };
  return { state, setQuestion, ask };
}
