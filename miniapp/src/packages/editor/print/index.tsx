import '../zod';
import { useRouter } from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { EditorItem, QrInfo } from '@zw/shared';
import Page from '../../../components/Page';
import { ErrorState, Loading } from '../../../components/PageState';
import { idParam } from '../../../services/nav';
import { EditorHeader, NoAccess, StatusBadge } from '../components/ui';
import { useEditorSession } from '../components/useEditorSession';
import { editorApi } from '../services/editor-api';
import { errorText } from '../text';
import { openPrint } from './open';
import '../components/editor.css';

const inH5 = process.env.TARO_ENV === 'h5';

type Hall = { id: number; name: string; windowCount: number };

/**
 * 打印与二维码: the 明白纸 of one guide (A4, with its QR code back to the
 * guide) and, for each hall, the sheet of window codes to put up at the
 * windows. Printing needs a computer; on a phone the link is copied.
 */
export default function PrintPage() {
  const { session, allowed } = useEditorSession();
  const itemId = idParam(useRouter().params.item);
  const [item, setItem] = useState<{ item: EditorItem; qr: QrInfo; png: string } | null>(null);
  const [halls, setHalls] = useState<Hall[] | null>(null);
  const [error, setError] = useState('');

  const load = async () => {
    setError('');
    try {
      const [h, it] = await Promise.all([
        editorApi.halls(),
        itemId === null
          ? Promise.resolve(null)
          : Promise.all([editorApi.item(itemId), editorApi.qr('item', itemId), editorApi.qrPng('item', itemId)]),
      ]);
      setHalls(h.data);
      if (it) setItem({ item: it[0], qr: it[1], png: it[2] });
    } catch (err) {
      setError(errorText(err, '加载失败，请稍后再试'));
    }
  };
  useEffect(() => {
    if (allowed) void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [allowed]);

  if (!session) return <Page className="ed-page" />;
  let body;
  if (!allowed) body = <NoAccess session={session} />;
  else if (error) body = <ErrorState message={error} onRetry={() => void load()} />;
  else if (!halls) body = <Loading />;
  else
    body = (
      <View>
        <View className="zw-banner zw-banner--info">
          {inH5
            ? '打印页在新标签页打开，用浏览器的“打印”即可（A4 纸）。'
            : '手机上无法直接打印：点按钮会复制链接，请在电脑浏览器打开后打印。'}
        </View>
        {item ? (
          <View className="zw-card ed-section ed-print-item">
            <Text className="ed-section__title">明白纸（一次告知单）</Text>
            <View className="ed-meta">
              <StatusBadge status={item.item.status} />
              <Text>{item.item.code}</Text>
            </View>
            <Text className="ed-card__title">{item.item.name}</Text>
            {item.item.status === 'draft' ? <Text className="ed-hint">草稿打印出来会标明“草稿”，请发布后再张贴。</Text> : null}
            <View className="ed-qr" style={{ marginTop: '0.6em' }}>
              <Image className="ed-qr__img ed-qr-image" src={item.png} mode="aspectFit" />
              <View className="ed-qr__body">
                <Text className="zw-muted">扫码打开这份办事指南：</Text>
                <Text className="ed-hint ed-qr-url" userSelect>
                  {item.qr.url}
                </Text>
                <Text className="ed-hint">{`二维码编号 ${item.qr.code}`}</Text>
              </View>
            </View>
            <View className="ed-links" style={{ marginTop: '0.6em' }}>
              <Button className="zw-btn zw-btn--solid ed-print-item-open" onClick={() => void openPrint(`/print/items/${item.item.id}`)}>
                {inH5 ? '打开明白纸打印' : '复制明白纸链接'}
              </Button>
            </View>
          </View>
        ) : null}
        <View className="zw-card ed-section">
          <Text className="ed-section__title">大厅窗口二维码</Text>
          <Text className="ed-hint">每个窗口一张卡片，一页六张，贴在窗口上，群众扫码可以看窗口能办的事并评价。</Text>
          {halls.map((h) => (
            <View key={h.id} className="ed-version">
              <View className="ed-version__head">
                <Text className="ed-version__no">{h.name}</Text>
                <Text className="zw-muted">{`${h.windowCount} 个窗口`}</Text>
              </View>
              <Button
                className="zw-btn ed-print-hall"
                style={{ marginTop: '0.4em' }}
                onClick={() => void openPrint(`/print/halls/${h.id}/windows`)}
              >
                {inH5 ? '打开窗口二维码打印' : '复制打印链接'}
              </Button>
            </View>
          ))}
        </View>
      </View>
    );
  return (
    <Page className="ed-page ed-print-page">
      <View className="ed-wrap">
        <EditorHeader session={session} title="打印与二维码" back />
        {body}
      </View>
    </Page>
  );
}
