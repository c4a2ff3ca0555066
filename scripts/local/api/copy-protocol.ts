/** What the pool and a local copy of a function (runtime.ts, a worker thread) tell each other. */
export interface CopySettings {
  bundle: string;
  exportName: string;
  functionName: string;
  memorySize: number;
  region: string;
}

export type ToCopy = { type: 'invoke'; event: unknown; deadline: number };

export interface FunctionError {
  errorType: string;
  errorMessage: string;
  stack?: string;
}

export type FromCopy =
  | { type: 'ready' }
  | { type: 'init-error'; error: FunctionError }
  | { type: 'result'; value: unknown }
  | { type: 'error'; error: FunctionError };
