import { useRouter } from '@tarojs/taro';
import { pagePaths } from '@zw/shared/paths';
import { shareTitle, useShare } from '../../hooks/useShare';
import { useRequest } from '../../hooks/useRequest';
import { api } from '../../services/api';
import { idParam } from '../../services/nav';
import GuideView from './GuideView';
import { RecordPage, findById } from '../../components/kit';

/** 办事指南: the 七公开 first, in their fixed order, then everything else a citizen needs before going. */
export default function GuideScreen() {
  const { params } = useRouter();
  const id = idParam(params.id);
  const req = useRequest(() => findById(id, api.item, '这个办事指南的链接不完整，请从首页重新查找。'), [id]);
  const item = req.status === 'done' && req.data.found ? req.data.data : null;

  useShare(() => ({ title: shareTitle(item?.name), path: id ? `${pagePaths.item}?id=${id}` : pagePaths.home }), { timeline: true });

  return (
    <RecordPage req={req} loadingText="正在打开办事指南…">
      {(data) => <GuideView item={data} />}
    </RecordPage>
  );
}
