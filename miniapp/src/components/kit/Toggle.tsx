import { View } from '@tarojs/components';
import './Toggle.css';

type Props = {
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** What the switch turns on (长辈模式, 匿名反映): its accessible name. */
  label: string;
  className?: string;
};

/**
 * An on/off setting. Taro's Switch is 52×32 px in any mode, has no accessible name in the browser build and
 * is a web component a page must load before it paints; this is one element sized in em of the page root, so
 * it grows with 长辈模式, read by a screen reader as "长辈模式, 开关, 已开启". Its box (the tap target) is
 * 3 em high: 45 px normally, 60 px in 长辈模式; the track drawn inside is smaller.
 */
export function Toggle({ checked, onChange, label, className }: Props) {
  const flip = () => onChange(!checked);
  // In the browser its tab stop and Space/Enter come from services/controls.h5.ts, as for every control.
  return (
    <View
      className={`zw-toggle${checked ? ' zw-toggle--on' : ''}${className ? ` ${className}` : ''}`}
      role="switch"
      aria-checked={checked}
      aria-label={label}
      onClick={flip}
    >
      <View className="zw-toggle__knob" />
    </View>
  );
}
