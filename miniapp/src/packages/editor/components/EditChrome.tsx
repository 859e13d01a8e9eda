import { Button, Text, View } from '@tarojs/components';
import type { ContentStatus, FieldProblem } from '@zw/shared';
import Conflict, { type ConflictInfo } from '../edit/Conflict';
import { fmtDateTime } from '../text';
import { Banner } from '../../../components/kit';
import { StatusBadge } from './ui';
import type { Notice } from './useContentEditor';

/*
 * The parts around a policy or interpretation form: its status card, the
 * conflict and notice banners, what still blocks publishing, and the bottom bar.
 */

type Meta = { status: ContentStatus; version: number; updatedAt: string; reviewedAt: string | null; reviewedBy: { name: string } | null };

export function StatusCard({ meta, code, title }: { meta: Meta; code: string; title: string }) {
  const published = meta.status === 'published';
  return (
    <View className="zw-card">
      <View className="ed-meta">
        <StatusBadge status={meta.status} />
        <Text className="ed-version-no">{`第 ${meta.version} 版`}</Text>
        <Text>{code}</Text>
      </View>
      <Text className="ed-card__title">{title || '（未命名）'}</Text>
      <Text className="zw-muted">{`最后修改 ${fmtDateTime(meta.updatedAt)} · ${meta.reviewedAt ? `${meta.reviewedBy?.name ?? ''} 核对于 ${fmtDateTime(meta.reviewedAt)}` : '还没有核对过'}`}</Text>
      {published ? (
        <Text className="ed-hint">已发布：保存后群众立即看到修改。</Text>
      ) : (
        <Text className="ed-hint">草稿：群众看不到，发布后才公开。</Text>
      )}
    </View>
  );
}

export function Notices({
  conflict,
  notice,
  onReload,
  onDismiss,
}: {
  conflict: ConflictInfo | null;
  notice: Notice | null;
  onReload: () => void;
  onDismiss: () => void;
}) {
  return (
    <View>
      {conflict ? <Conflict info={conflict} onReload={onReload} onDismiss={onDismiss} /> : null}
      {notice ? (
        <Banner kind={notice.kind} className="ed-notice">
          {notice.text}
        </Banner>
      ) : null}
    </View>
  );
}

export function Problems({ problems, ready }: { problems: FieldProblem[]; ready: string }) {
  if (!problems.length)
    return (
      <Banner kind="ok" className="ed-problems-none">
        {ready}
      </Banner>
    );
  return (
    <Banner kind="warn" className="ed-problems">
      <Text className="zw-banner__title">{`发布前还需完善 ${problems.length} 处`}</Text>
      {problems.slice(0, 8).map((p) => (
        <Text key={p.field} className="ed-problems__item">
          <Text className="ed-problems__label">{p.label}</Text>
          {`：${p.message}`}
        </Text>
      ))}
      {problems.length > 8 ? <Text className="ed-problems__item">{`……另有 ${problems.length - 8} 处`}</Text> : null}
    </Banner>
  );
}

export function ActionBar({
  published,
  dirty,
  busy,
  onSave,
  onPublish,
  onPreview,
}: {
  published: boolean;
  dirty: boolean;
  busy: string | null;
  onSave: () => void;
  onPublish: () => void;
  onPreview?: () => void;
}) {
  return (
    <View className="ed-bar">
      <View className="ed-bar__inner">
        {onPreview ? (
          <Button className="zw-btn ed-preview" onClick={onPreview}>
            预览
          </Button>
        ) : null}
        <Button className="zw-btn ed-save" loading={busy === '保存'} disabled={!!busy} onClick={onSave}>
          {published ? '保存' : '保存草稿'}
        </Button>
        <Button className="zw-btn zw-btn--solid ed-publish" loading={busy === '发布'} disabled={!!busy} onClick={onPublish}>
          {published ? (dirty ? '保存并发布' : '重新发布') : '发布'}
        </Button>
      </View>
    </View>
  );
}
