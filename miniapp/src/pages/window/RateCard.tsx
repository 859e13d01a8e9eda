import { useRef, useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { ApiError, api } from '../../services/api';

/** 好差评, best first; the texts are the national five levels. */
const LEVELS = [
  { level: 5, label: '非常满意' },
  { level: 4, label: '满意' },
  { level: 3, label: '基本满意' },
  { level: 2, label: '不满意' },
  { level: 1, label: '非常不满意' },
] as const;

const COMMENT_MAX = 500;
/** At or below this a rating is 差评 and gets a 回访 (shared BAD_RATING_MAX). */
const BAD_MAX = 2;

type Outcome = { kind: 'form' } | { kind: 'thanks'; level: number } | { kind: 'already' };

/**
 * 一次一评 at the window: one rating per citizen, window and day. The card turns
 * into a thank-you once the server has it; a failure keeps the choice and comment.
 */
export default function RateCard({ windowId }: { windowId: number }) {
  const [level, setLevel] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  // Two taps inside one render both see sending === false; the ref sees the first.
  const inFlight = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'form' });

  async function submit() {
    if (inFlight.current) return;
    if (level === null) {
      setError('请先选择一项评价，再点“提交评价”');
      return;
    }
    inFlight.current = true;
    setSending(true);
    setError(null);
    try {
      const text = comment.trim();
      await api.rateWindow(windowId, { level, comment: text ? text : undefined });
      setOutcome({ kind: 'thanks', level });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'ALREADY_RATED') setOutcome({ kind: 'already' });
      else setError(err instanceof Error && err.message ? err.message : '提交没有成功，请稍后再试');
    } finally {
      inFlight.current = false;
      setSending(false);
    }
  }

  if (outcome.kind === 'thanks') {
    const label = LEVELS.find((l) => l.level === outcome.level)?.label;
    return (
      <View className="zw-card win-rate win-rate--done" role="status">
        <View className="win-rate__tick" aria-hidden />
        <Text className="win-rate__done-title">感谢您的评价！</Text>
        <Text className="win-rate__done-line">您的评价：{label}</Text>
        {outcome.level <= BAD_MAX ? (
          <Text className="win-rate__done-line win-rate__done-line--strong">我们会在 15 个工作日内回访</Text>
        ) : null}
      </View>
    );
  }

  if (outcome.kind === 'already') {
    return (
      <View className="zw-card win-rate win-rate--done" role="status">
        <View className="win-rate__tick" aria-hidden />
        <Text className="win-rate__done-title win-rate__done-title--small">您今天已经评价过这个窗口了，谢谢！</Text>
        <Text className="win-rate__done-line zw-muted">同一个窗口每人每天可以评价一次。如对服务有意见，可以点下方的“反映问题”。</Text>
      </View>
    );
  }

  return (
    <View className="zw-card win-rate">
      <Text className="zw-h2 win-block">为本次服务评价</Text>
      <Text className="zw-muted win-block win-rate__hint">请选择一项，您的评价会直接送到窗口所属部门。</Text>
      <View className="win-rate__choices">
        {LEVELS.map((l) => {
          const on = level === l.level;
          return (
            <Button
              key={l.level}
              className={`win-rate__choice win-rate__choice--${l.level}${on ? ' win-rate__choice--on' : ''}`}
              aria-pressed={on}
              onClick={() => {
                setLevel(l.level);
                setError(null);
              }}
            >
              {l.label}
            </Button>
          );
        })}
      </View>
      <Textarea
        className="win-rate__comment"
        value={comment}
        maxlength={COMMENT_MAX}
        placeholder="说说您的感受（选填）"
        placeholderClass="win-rate__ph"
        autoHeight={false}
        onInput={(e) => setComment(e.detail.value)}
      />
      <Text className="zw-muted win-rate__count">
        {comment.length}/{COMMENT_MAX}
      </Text>
      {error ? (
        <View className="win-rate__error" role="alert">
          <Text>{error}</Text>
        </View>
      ) : null}
      <Button className="zw-button win-rate__submit" disabled={sending || undefined} onClick={() => void submit()}>
        提交评价
      </Button>
    </View>
  );
}
