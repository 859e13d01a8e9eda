import { useRouter } from '@tarojs/taro';
import { pagePaths } from '@zw/shared/paths';
import { shareTitle, useShare } from '../../../hooks/useShare';
import { useRequest } from '../../../hooks/useRequest';
import { api } from '../../../services/api';
import { idParam } from '../../../services/nav';
import { RecordPage, ShareButton, findById } from '../../../components/kit';
import InterpretationView from '../../../components/policy/InterpretationView';

/** 政策解读: 谁起草谁解读 — the required parts in a fixed order; a part with no content is left out. */
export default function InterpretationScreen() {
  const { params } = useRouter();
  const id = idParam(params.id);
  const req = useRequest(() => findById(id, api.interpretation, '这篇政策解读的链接不完整，请从首页重新查找。'), [id]);
  const shown = req.status === 'done' && req.data.found ? req.data.data : null;
  useShare(() => ({ title: shareTitle(shown?.title), path: id ? `${pagePaths.interpretation}?id=${id}` : pagePaths.home }), {
    timeline: true,
  });

  return (
    <RecordPage req={req} loadingText="正在打开政策解读…">
      {(it) => <InterpretationView it={it} bottom={<ShareButton title={shareTitle(it.title)} />} />}
    </RecordPage>
  );
}
