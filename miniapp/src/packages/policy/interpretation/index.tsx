import { useRouter } from '@tarojs/taro';
import Page from '../../../components/Page';
import { ErrorState, Loading } from '../../../components/PageState';
import { useRequest } from '../../../hooks/useRequest';
import { api } from '../../../services/api';
import { idParam } from '../../../services/nav';
import { NotFound, findById } from '../../../components/kit';
import InterpretationView from '../../../components/policy/InterpretationView';

/** 政策解读: 谁起草谁解读 — the required parts in a fixed order; a part with no content is left out. */
export default function InterpretationScreen() {
  const { params } = useRouter();
  const id = idParam(params.id);
  const req = useRequest(() => findById(id, api.interpretation, '这篇政策解读的链接不完整，请从首页重新查找。'), [id]);

  if (req.status === 'loading') {
    return (
      <Page>
        <Loading text="正在打开政策解读…" />
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
  return <InterpretationView it={req.data.data} />;
}
