import { Text } from '@tarojs/components';
import type { Snippet } from '@zw/shared';

/** A search snippet: segments, hits emphasised. No HTML is ever rendered from the server. */
export default function Highlight({ segments }: { segments: Snippet }) {
  return (
    <Text>
      {segments.map((s, i) => (
        <Text key={i} className={s.hit ? 'zw-hit' : undefined}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}
