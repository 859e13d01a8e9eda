/*
 * A webpack loader for the stylesheet of Taro's React components (@tarojs/components-react/dist/index.css,
 * config/index.ts). Its selectors weigh two classes (`.taro-button-core.taro-btn-default` paints every button
 * #f8f8f8 and black), so they beat the kit's one-class rules (`.zw-btn--solid`), and `:focus { outline: 0 }`
 * hides the keyboard focus. Each selector goes inside :where(), which weighs nothing: Taro's rules still lay
 * out what the kit says nothing about (pickers, images, scroll views), and every rule of ours wins.
 * :where() needs Chromium 88 / Safari 14, below what WeChat's browser and current phone browsers run.
 */
import postcss from 'postcss';

function weightless(selector) {
  const pseudo = selector.indexOf('::');
  if (pseudo === 0) return selector;
  return pseudo < 0 ? `:where(${selector})` : `:where(${selector.slice(0, pseudo)})${selector.slice(pseudo)}`;
}

export default function taroStylesLoader(source) {
  const root = postcss.parse(source);
  root.walkRules((rule) => {
    if (rule.parent && rule.parent.type === 'atrule' && /keyframes$/i.test(rule.parent.name)) return;
    rule.selectors = rule.selectors.map(weightless);
  });
  // The focus ring is the keyboard user's cursor (WCAG 2.4.7): Taro's `outline: 0` goes.
  root.walkDecls('outline', (decl) => {
    if (/^(0|none)$/.test(decl.value.trim()) && /:focus/.test(decl.parent.selector)) decl.remove();
  });
  return root.toString();
}
