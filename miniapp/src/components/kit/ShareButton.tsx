import { Button } from '@tarojs/components';
import { shareLink } from '../../services/share';

/**
 * 分享给亲友: in WeChat the platform's forward sheet (openType="share", using the
 * page's useShare card); in a browser the phone's share sheet, else 复制链接.
 */
export function ShareButton({
  title,
  className = 'zw-button zw-button--ghost',
  label = '分享给亲友',
}: {
  title: string;
  className?: string;
  label?: string;
}) {
  if (process.env.TARO_ENV === 'weapp') {
    return (
      <Button className={className} openType="share">
        {label}
      </Button>
    );
  }
  return (
    <Button className={className} onClick={() => void shareLink(title)}>
      {label}
    </Button>
  );
}
