import { useRouter } from '@tarojs/taro';
import { pagePaths } from '@zw/shared/paths';
import { shareTitle, useShare } from '../../../hooks/useShare';
import { useRequest } from '../../../hooks/useRequest';
import { api } from '../../../services/api';
import { idParam } from '../../../services/nav';
import { RecordPage, ShareButton, findById } from '../../../components/kit';
import PolicyView from '../../../components/policy/PolicyView';

/** 政策文件: the document's facts, its summary, its full text and its interpretations. */
export default function PolicyScreen() {
  const { params } = useRouter();
  const id = idParam(params.id);
  const req = useRequest(() => findById(id, api.policy, '这份政策文件的链接不完整，请从首页重新查找。'), [id]);
  const policy = req.status === 'done' && req.data.found ? req.data.data : null;
  useShare(() => ({ title: shareTitle(policy?.title), path: id ? `${pagePaths.policy}?id=${id}` : pagePaths.home }), { timeline: true });

  return (
    <RecordPage req={req} loadingText="正在打开政策文件…">
      {(p) => <PolicyView policy={p} bottom={<ShareButton title={shareTitle(p.title)} />} />}
    </RecordPage>
  );
}
