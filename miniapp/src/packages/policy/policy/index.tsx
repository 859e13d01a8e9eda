import { useRouter } from '@tarojs/taro';
import { useRequest } from '../../../hooks/useRequest';
import { api } from '../../../services/api';
import { idParam } from '../../../services/nav';
import { RecordPage, findById } from '../../../components/kit';
import PolicyView from '../../../components/policy/PolicyView';

/** 政策文件: the document's facts, its summary, its full text and its interpretations. */
export default function PolicyScreen() {
  const { params } = useRouter();
  const id = idParam(params.id);
  const req = useRequest(() => findById(id, api.policy, '这份政策文件的链接不完整，请从首页重新查找。'), [id]);

  return (
    <RecordPage req={req} loadingText="正在打开政策文件…">
      {(policy) => <PolicyView policy={policy} />}
    </RecordPage>
  );
}
