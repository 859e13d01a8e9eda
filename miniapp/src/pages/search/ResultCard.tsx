import { Text, View } from '@tarojs/components';
import type { Snippet } from '@zw/shared';
import Highlight from '../../components/Highlight';
import { ymd } from '../index/format';

/** One result, from a search hit (highlighted) or a department's item list (plain). */
export interface ResultRow {
  key: string;
  type: 'item' | 'policy';
  id: number;
  title: Snippet | string;
  snippet: Snippet | string;
  source: string;
  updatedAt: string;
}

const TYPE_LABEL = { item: '办事指南', policy: '政策文件' } as const;

export default function ResultCard({ row, onOpen }: { row: ResultRow; onOpen: (row: ResultRow) => void }) {
  const hasSnippet = typeof row.snippet === 'string' ? row.snippet.length > 0 : row.snippet.some((s) => s.text.trim());
  return (
    <View className="zw-card search-hit" role="link" hoverClass="search-hit--active" onClick={() => onOpen(row)}>
      <View className="srch-hit__title">
        <Text className={`zw-tag srch-hit__tag srch-hit__tag--${row.type}`}>{TYPE_LABEL[row.type]}</Text>
        {typeof row.title === 'string' ? <Text>{row.title}</Text> : <Highlight segments={row.title} />}
      </View>
      {hasSnippet ? (
        <View className="srch-hit__snippet">
          {typeof row.snippet === 'string' ? <Text>{row.snippet}</Text> : <Highlight segments={row.snippet} />}
        </View>
      ) : null}
      <View className="srch-hit__meta">
        <Text className="srch-hit__source">{row.source}</Text>
        <Text className="srch-hit__date">{ymd(row.updatedAt)} 更新</Text>
      </View>
    </View>
  );
}
