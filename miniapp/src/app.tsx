import type { PropsWithChildren } from 'react';
import './app.css';

/** The app shell: pages render inside; session checks live in the pages' hooks. */
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
