import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import Page from '../../components/Page';
import { goHome } from '../../components/kit/NotFound';
import { go } from '../../services/nav';
import SearchBox from '../index/SearchBox';
import './index.css';
import { pagePaths } from '@zw/shared/paths';
import { shareTitle, useShare } from '../../hooks/useShare';

/**
 * An unknown route (a mistyped or outdated link, an old shared path). Never a blank
 * page: what happened, the search box, and 返回首页.
 */
export default function NotFoundPage() {
  const [query, setQuery] = useState('');
  useShare(() => ({ title: shareTitle(), path: pagePaths.home }));
  return (
    <Page className="nf">
      <View className="zw-card nf-card" role="alert">
        <View className="zw-h2 nf-title" role="heading" aria-level={1}>
          没有找到这个页面
        </View>
        <Text className="nf-hint">链接可能已经过期或输错了。可以搜索您要办的事，或回到首页。</Text>
      </View>
      <View className="nf-search">
        <SearchBox value={query} onChange={setQuery} onSubmit={(q) => void go('search', { q })} />
      </View>
      <Button className="zw-button nf-home" onClick={goHome}>
        返回首页
      </Button>
    </Page>
  );
}
