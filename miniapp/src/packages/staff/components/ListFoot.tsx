import { Button, Text, View } from '@tarojs/components';
import './staff.css';

/** The end of a paged list: more to load (on scroll or tap), a retry, or the end. */
export default function ListFoot({
  shown,
  total,
  loadingMore,
  moreError,
  onMore,
}: {
  shown: number;
  total: number;
  loadingMore: boolean;
  moreError: string;
  onMore: () => void;
}) {
  if (moreError)
    return (
      <View className="zw-list-foot">
        <Text>{moreError}</Text>
        <Button className="zw-btn" style={{ marginLeft: '0.6em' }} onClick={onMore}>
          重试
        </Button>
      </View>
    );
  if (shown < total)
    return (
      <View className="zw-list-foot st-list-more" role="button" onClick={onMore}>
        <Text>{loadingMore ? '正在加载…' : `已显示 ${shown} / ${total} 件，上滑加载更多`}</Text>
      </View>
    );
  return <Text className="zw-list-foot">{`共 ${total} 件，已全部显示`}</Text>;
}
