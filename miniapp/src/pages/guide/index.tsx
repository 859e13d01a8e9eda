import { useRouter, useShareAppMessage } from '@tarojs/taro';
import { pagePaths } from '@zw/shared/paths';
import Page from '../../components/Page';
import { ErrorState, Loading } from '../../components/PageState';
import { useRequest } from '../../hooks/useRequest';
import { api } from '../../services/api';
import { idParam } from '../../services/nav';
import GuideView from './GuideView';
import { NotFound, findById } from '../../components/kit';

/** 办事指南: the 七公开 first, in their fixed order, then everything else a citizen needs before going. */
export default function GuideScreen() {
  const { params } = useRouter();
  const id = idParam(params.id);
  const req = useRequest(() => findById(id, api.item, '这个办事指南的链接不完整，请从首页重新查找。'), [id]);
  const item = req.status === 'done' && req.data.found ? req.data.data : null;

  useShareAppMessage(() => ({
    title: item ? `${item.name}｜清溪县政务服务` : '清溪县政务服务',
    path: id ? `${pagePaths.item}?id=${id}` : pagePaths.home,
  }));

  if (req.status === 'loading') {
    return (
      <Page>
        <Loading text="正在打开办事指南…" />
      </Page>
    );
  }
  if (req.status === 'error') {
    return (
      <Page>
        <ErrorState message={req.error} onRetry={() => void req.reload()} />
      </Page>
    );
  }
  if (!req.data.found) {
    return (
      <Page>
        <NotFound message={req.data.message} />
      </Page>
    );
  }
  return <GuideView item={req.data.data} />;
}
