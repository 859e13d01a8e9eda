import { useRouter } from '@tarojs/taro';
import Page from '../../../components/Page';
import { ErrorState, Loading } from '../../../components/PageState';
import { useRequest } from '../../../hooks/useRequest';
import { api } from '../../../services/api';
import { idParam } from '../../../services/nav';
import { NotFound, findById } from '../../../components/kit';
import PolicyView from '../../../components/policy/PolicyView';

/** 政策文件: the document's facts, its summary, its full text and its interpretations. */
export default function PolicyScreen() {
  const { params } = useRouter();
  const id = idParam(params.id);
  const req = useRequest(() => findById(id, api.policy, '这份政策文件的链接不完整，请从首页重新查找。'), [id]);

  if (req.status === 'loading') {
    return (
      <Page>
        <Loading text="正在打开政策文件…" />
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
  return <PolicyView policy={req.data.data} />;
}
