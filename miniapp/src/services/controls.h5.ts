/**
 * What a native control gives a keyboard and a screen reader, for the elements Taro's browser build draws
 * as plain divs (started once by services/shell.h5.ts; WeChat's own components need none of it):
 * - Taro's Button (`.taro-button-core`, a div) gets role=button, a tab stop, and aria-disabled that follows
 *   its disabled state (no tab stop while disabled);
 * - every element the app gives an interactive role (a tappable View with role="button", "link", "radio",
 *   "switch", …) gets a tab stop;
 * - a name given to one of Taro's web components that wrap a native field (Textarea: <taro-textarea-core>
 *   around a <textarea>) is passed on to that field, where a screen reader looks for it;
 * - Enter activates them, and Space too except on links, as on native controls (WAI-ARIA practices); a
 *   control that handles its own keys calls preventDefault and is left alone.
 * One observer on the document keeps this true for pages rendered later, and for buttons that become
 * disabled or enabled. Only attributes the app does not set itself are written, so React never fights it.
 */
const INTERACTIVE = new Set(['button', 'link', 'radio', 'checkbox', 'switch', 'tab', 'menuitem', 'option']);
const NATIVE = new Set(['A', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'SUMMARY']);
const SELECTOR = '.taro-button-core, [role], [aria-label], input, textarea';
const FIELD = 'input, textarea';
const isTaroHost = (el: Element) => el.tagName.startsWith('TARO-');

/** The name of the Taro host around a native field, onto the field. */
function nameField(field: Element) {
  const host = field.parentElement?.closest('[aria-label]');
  const name = host && isTaroHost(host) ? host.getAttribute('aria-label') : null;
  if (name && field.getAttribute('aria-label') !== name) field.setAttribute('aria-label', name);
}

function fix(el: Element) {
  if (el.matches(FIELD)) return nameField(el);
  if (isTaroHost(el) && el.hasAttribute('aria-label')) el.querySelectorAll(FIELD).forEach(nameField);
  if (NATIVE.has(el.tagName)) return;
  if (el.classList.contains('taro-button-core')) {
    if (!el.hasAttribute('role')) el.setAttribute('role', 'button');
    const disabled = el.classList.contains('taro-btn-disabled');
    if (el.getAttribute('aria-disabled') !== String(disabled)) el.setAttribute('aria-disabled', String(disabled));
    const tab = disabled ? '-1' : '0';
    if (el.getAttribute('tabindex') !== tab) el.setAttribute('tabindex', tab);
    return;
  }
  const role = el.getAttribute('role');
  if (role && INTERACTIVE.has(role) && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0');
}

function fixTree(node: Node) {
  if (!(node instanceof Element)) return;
  if (node.matches(SELECTOR)) fix(node);
  node.querySelectorAll(SELECTOR).forEach(fix);
}

function activate(e: KeyboardEvent) {
  if (e.defaultPrevented || (e.key !== 'Enter' && e.key !== ' ') || e.altKey || e.ctrlKey || e.metaKey) return;
  const el = e.target;
  if (!(el instanceof HTMLElement) || NATIVE.has(el.tagName)) return;
  const role = el.getAttribute('role');
  if (!role || !INTERACTIVE.has(role) || (role === 'link' && e.key === ' ')) return;
  e.preventDefault();
  if (el.getAttribute('aria-disabled') !== 'true') el.click();
}

/** Starts the layer on `doc` (the page's document); returns a function that stops it (tests). */
export function startControls(doc: Document = document): () => void {
  fixTree(doc.body);
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') {
        if (r.target instanceof Element && r.target.matches(SELECTOR)) fix(r.target);
      } else r.addedNodes.forEach(fixTree);
    }
  });
  observer.observe(doc.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class', 'role', 'aria-label'] });
  doc.addEventListener('keydown', activate);
  return () => {
    observer.disconnect();
    doc.removeEventListener('keydown', activate);
  };
}
