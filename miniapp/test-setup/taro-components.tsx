import { createElement, type ReactNode } from 'react';

/**
 * '@tarojs/components' as plain DOM elements, for rendering under jsdom.
 * Props pass through; Taro-only props are dropped; events carry `detail.value`
 * the way Taro's do, so `onInput={(e) => set(e.detail.value)}` works unchanged.
 * RichText renders its `nodes` as HTML, as the real one does — a component that
 * switched to it would be caught by the "text, never HTML" tests.
 */

type Props = Record<string, any> & { children?: ReactNode };

/** Taro props with no DOM meaning (left out so React does not warn about them). */
const TARO_ONLY = new Set([
  'hoverClass',
  'hoverStayTime',
  'hoverStartTime',
  'hoverStopPropagation',
  'placeholderClass',
  'placeholderStyle',
  'autoHeight',
  'mode',
  'lazyLoad',
  'showMenuByLongpress',
  'confirmType',
  'confirmHold',
  'adjustPosition',
  'cursorSpacing',
  'holdKeyboard',
  'selectable',
  'userSelect',
  'decode',
  'space',
  'range',
  'rangeKey',
  'scrollY',
  'scrollX',
  'enhanced',
  'showScrollbar',
  'formType',
  'openType',
  'plain',
  'loading',
  'size',
]);

function domProps(props: Props): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(props)) {
    if (TARO_ONLY.has(k)) continue;
    if (k === 'maxlength') out.maxLength = v;
    else if (k === 'focus') out.autoFocus = v;
    else out[k] = v;
  }
  return out;
}

const plain = (tag: string) =>
  function TaroStandIn(props: Props) {
    return createElement(tag, domProps(props));
  };

export const View = plain('div');
export const Text = plain('span');
export const Label = plain('label');
export const ScrollView = plain('div');
export const Swiper = plain('div');
export const SwiperItem = plain('div');
export const Navigator = plain('a');
export const Form = plain('form');
export const Picker = plain('div');

export function Button(props: Props) {
  return createElement('button', { type: 'button', ...domProps(props) });
}

export function Image(props: Props) {
  return createElement('img', domProps(props));
}

function field(tag: 'input' | 'textarea') {
  return function TaroField({ onInput, onConfirm, onBlur, onFocus, password, value, ...rest }: Props) {
    const props: Props = {
      ...domProps(rest),
      value: value ?? '',
      onChange: (e: { target: { value: string } }) => onInput?.({ detail: { value: e.target.value } }),
      onBlur: onBlur ? (e: { target: { value: string } }) => onBlur({ detail: { value: e.target.value } }) : undefined,
      onFocus: onFocus ? (e: { target: { value: string } }) => onFocus({ detail: { value: e.target.value } }) : undefined,
      onKeyDown: (e: { key: string; target: { value: string } }) => {
        if (tag === 'input' && e.key === 'Enter') onConfirm?.({ detail: { value: e.target.value } });
      },
    };
    if (tag === 'input' && password) props.type = 'password';
    return createElement(tag, props);
  };
}
export const Input = field('input');
export const Textarea = field('textarea');

export function Switch({ checked, onChange, color: _color, ...rest }: Props) {
  return createElement('input', {
    ...domProps(rest),
    type: 'checkbox',
    role: 'switch',
    checked: !!checked,
    onChange: (e: { target: { checked: boolean } }) => onChange?.({ detail: { value: e.target.checked } }),
  });
}

export function RichText({ nodes, ...rest }: Props) {
  return createElement('div', { ...domProps(rest), dangerouslySetInnerHTML: { __html: typeof nodes === 'string' ? nodes : '' } });
}
