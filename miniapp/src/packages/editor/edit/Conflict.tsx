import { Button, Text } from '@tarojs/components';
import { versionActionLabels, type ContentVersion } from '@zw/shared';
import { Banner } from '../../../components/kit';
import '../components/editor.css';
import { versionLine } from '../text';

export type ConflictInfo = { message: string; since: ContentVersion[] };

/**
 * Someone saved this guide after the editor opened it. Their work is never
 * overwritten: the editor sees who changed what, and either loads the newest
 * version (their own unsaved edits are dropped, so they can copy them first)
 * or keeps typing and saves after reloading.
 */
export default function Conflict({ info, onReload, onDismiss }: { info: ConflictInfo; onReload: () => void; onDismiss: () => void }) {
  return (
    <Banner kind="error" className="ed-conflict">
      <Text className="zw-banner__title">没有保存：内容已被别人修改</Text>
      <Text className="zw-banner__line ed-conflict-message">{info.message}</Text>
      {info.since.map((v) => (
        <Text key={v.version} className="zw-banner__line ed-conflict-change">
          {`· 第 ${v.version} 版：${versionLine({ ...v, actionLabel: versionActionLabels[v.action] })}`}
        </Text>
      ))}
      <Text className="zw-banner__line">载入最新版本会放弃您这次未保存的修改；需要的话，请先把要保留的文字复制下来。</Text>
      <Text className="zw-banner__actions">
        <Button className="zw-btn zw-btn--solid ed-conflict-reload" onClick={onReload}>
          载入最新版本
        </Button>
        <Button className="zw-btn" onClick={onDismiss}>
          先不载入
        </Button>
      </Text>
    </Banner>
  );
}
