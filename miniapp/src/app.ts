import type { PropsWithChildren } from 'react';
// Design tokens first: every stylesheet after it reads them.
import './styles/tokens.css';
import './app.css';

// The app component only hosts the pages; `children` is the page being rendered.
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
