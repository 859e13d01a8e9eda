import '../zod';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { ServiceItem } from '@zw/shared';
import Page from '../../../components/Page';
import { ErrorState, Loading } from '../../../components/PageState';
import GuideView from '../../../pages/guide/GuideView';
import { idParam } from '../../../services/nav';
import { NoAccess } from '../components/ui';
import { useEditorSession } from '../components/useEditorSession';
import { toForm, toPreview } from '../form';
import { editorApi } from '../services/editor-api';
import { takePreview } from '../services/preview';
import { errorText } from '../text';
import '../components/editor.css';

/**
 * 预览: the citizen's guide page (the same GuideView component), fed with the
 * editor's draft, unsaved edits included. Opened again without them (a reload),
 * it shows the last saved version. Windows and interpretations come from the
 * published guide, since they are linked elsewhere.
 */
export default function Preview() {
  const { session, allowed } = useEditorSession();
  const id = idParam(useRouter().params.id);
  const [state, setState] = useState<{ item: ServiceItem | null; saved: boolean; error: string }>({ item: null, saved: false, error: '' });

  useEffect(() => {
    if (!allowed || id === null) return;
    const draft = takePreview(id);
    let live = true;
    void (async () => {
      try {
        const [published, item] = await Promise.all([editorApi.published(id), draft ? Promise.resolve(null) : editorApi.item(id)]);
        const extra = published
          ? { windows: published.windows, interpretations: published.interpretations }
          : { windows: [], interpretations: [] };
        let shown: ServiceItem;
        if (draft) shown = { ...draft, ...extra };
        else {
          const d = (await editorApi.departments()).data.find((x) => x.id === item!.departmentId);
          shown = toPreview(
            toForm(item!),
            {
              id,
              qrCode: item!.qrCode,
              createdAt: item!.createdAt,
              updatedAt: item!.updatedAt,
              department: { id: item!.departmentId, name: d?.name ?? '', phone: d?.phone ?? '' },
            },
            extra,
          );
        }
        if (live) setState({ item: shown, saved: !draft, error: '' });
      } catch (err) {
        if (live) setState({ item: null, saved: false, error: errorText(err, '预览没有打开，请稍后再试') });
      }
    })();
    return () => {
      live = false;
    };
  }, [allowed, id]);

  if (!session) return <Page className="ed-page" />;
  if (!allowed)
    return (
      <Page className="ed-page">
        <View className="ed-wrap">
          <NoAccess session={session} />
        </View>
      </Page>
    );
  if (state.error || id === null)
    return <Page className="ed-page">{<ErrorState message={state.error || '链接不完整，请从编辑页打开预览。'} />}</Page>;
  if (!state.item) return <Page className="ed-page">{<Loading text="正在生成预览…" />}</Page>;

  return (
    <View className="ed-preview">
      <GuideView
        item={state.item}
        preview
        top={
          <View className="zw-banner zw-banner--info ed-preview-bar">
            <Text>
              {state.saved ? '预览：最后保存的版本，群众看到的样子（按钮不可用）' : '预览：含未保存的修改，群众看到的样子（按钮不可用）'}
            </Text>
            <View className="zw-btn zw-btn--small ed-preview-back" role="button" onClick={() => void Taro.navigateBack()}>
              返回编辑
            </View>
          </View>
        }
      />
    </View>
  );
}
