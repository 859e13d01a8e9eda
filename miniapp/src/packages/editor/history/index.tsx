import '../zod';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { versionActionLabels, type ContentVersion } from '@zw/shared';
import Page from '../../../components/Page';
import { Empty, ErrorState, Loading } from '../../../components/PageState';
import { idParam } from '../../../services/nav';
import { EditorHeader, NoAccess } from '../components/ui';
import { useEditorSession } from '../components/useEditorSession';
import { editorApi, policyApi, type VersionedKind } from '../services/editor-api';
import { errorText, fmtDateTime } from '../text';
import '../components/editor.css';

/** `?type=` of the page: a guide (the default), a policy document or an interpretation. */
const kinds: Record<string, { kind: VersionedKind; title: (id: number) => Promise<string> }> = {
  item: { kind: 'items', title: async (id) => (await editorApi.item(id)).name },
  policy: { kind: 'policies', title: async (id) => (await policyApi.get(id)).title },
  interpretation: { kind: 'interpretations', title: async (id) => (await policyApi.interpretation(id)).title },
};

/**
 * 版本记录: every save, publish and withdrawal of one guide, policy document or
 * interpretation (`?type=policy|interpretation`) — who, when, which fields — newest first.
 */
export default function History() {
  const { session, allowed } = useEditorSession();
  const { params } = useRouter();
  const id = idParam(params.id);
  const type = kinds[params.type ?? 'item'] ?? kinds.item!;
  const [state, setState] = useState<{ data: ContentVersion[] | null; current: number; title: string; error: string }>({
    data: null,
    current: 0,
    title: '',
    error: '',
  });

  const load = async () => {
    if (id === null) return;
    setState((s) => ({ ...s, data: null, error: '' }));
    try {
      const [versions, title] = await Promise.all([editorApi.versions(id, type.kind), type.title(id)]);
      setState({ data: [...versions.data].sort((a, b) => b.version - a.version), current: versions.current, title, error: '' });
    } catch (err) {
      setState((s) => ({ ...s, error: errorText(err, '加载失败，请稍后再试') }));
    }
  };
  useEffect(() => {
    if (allowed) void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [allowed]);

  if (!session) return <Page className="ed-page" />;
  let body;
  if (!allowed) body = <NoAccess session={session} />;
  else if (id === null) body = <ErrorState message="链接不完整，请从编辑页打开版本记录。" />;
  else if (state.error) body = <ErrorState message={state.error} onRetry={() => void load()} />;
  else if (!state.data) body = <Loading />;
  else if (state.data.length === 0) body = <Empty text="还没有版本记录" />;
  else
    body = (
      <View className="zw-card">
        <Text className="ed-card__title">{state.title}</Text>
        <Text className="zw-muted">{`当前为第 ${state.current} 版，共 ${state.data.length} 条记录`}</Text>
        {state.data.map((v) => (
          <View key={v.version} className="ed-version" data-version={v.version}>
            <View className="ed-version__head">
              <Text className="ed-version__no">{`第 ${v.version} 版 · ${versionActionLabels[v.action]}${v.version === state.current ? '（当前）' : ''}`}</Text>
              <Text className="zw-muted">{fmtDateTime(v.at)}</Text>
            </View>
            <Text className="zw-muted">{v.editor ? `操作人：${v.editor.name}` : '操作人：系统（导入或初始内容）'}</Text>
            {v.changedLabels.length ? <Text className="ed-version__fields">{`改动：${v.changedLabels.join('、')}`}</Text> : null}
          </View>
        ))}
      </View>
    );
  return (
    <Page className="ed-page ed-history-page">
      <View className="ed-wrap">
        <EditorHeader session={session} title="版本记录" back />
        {body}
      </View>
    </Page>
  );
}
