import Taro from '@tarojs/taro';
import { pagePaths } from '@zw/shared/paths';
import { useEffect, type PropsWithChildren } from 'react';
import { startShell } from './services/shell';
// Design tokens first: every stylesheet after it reads them.
import './styles/tokens.css';
import './app.css';

// An unknown route (a mistyped or outdated link) is a friendly page with 返回首页 and search, never a blank one.
Taro.onPageNotFound(() => {
  void Taro.redirectTo({ url: pagePaths.notFound }).catch(() => Taro.reLaunch({ url: pagePaths.notFound }));
});

// The app component only hosts the pages; `children` is the page being rendered.
function App({ children }: PropsWithChildren) {
  // After the first render: the browser build's title bar exists by then (see services/shell.h5.ts).
  useEffect(() => startShell(), []);
  return children;
}

export default App;
