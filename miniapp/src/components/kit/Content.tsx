import { Text, View } from '@tarojs/components';
import { useState, type PropsWithChildren, type ReactNode } from 'react';
import './Content.css';

/*
 * Content blocks of the citizen pages (guide, policy, interpretation) and of the
 * editor's previews of them: sections, label/value facts, link rows, paragraphs
 * and the 问/答 accordion. Main package, so every subpackage may use them.
 */

/** Plain text split into paragraphs (the API never sends HTML). */
export function Paragraphs({ text, className }: { text: string; className?: string }) {
  const parts = text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <View className={className}>
      {parts.map((p, i) => (
        <View key={i} className="kit-para">
          <Text userSelect>{p}</Text>
        </View>
      ))}
    </View>
  );
}

/** A white card with a heading. */
export function Section({
  title,
  className,
  extra,
  children,
}: PropsWithChildren<{ title: string; className?: string; extra?: ReactNode }>) {
  return (
    <View className={`zw-card kit-section${className ? ` ${className}` : ''}`}>
      <View className="kit-section__head">
        <Text className="zw-h2 kit-section__title">{title}</Text>
        {extra}
      </View>
      {children}
    </View>
  );
}

/** Label on the left, value on the right: for document facts and quick facts. */
export function Fact({ label, children }: PropsWithChildren<{ label: string }>) {
  return (
    <View className="kit-fact">
      <Text className="kit-fact__label">{label}</Text>
      <View className="kit-fact__value">{children}</View>
    </View>
  );
}

/** A tappable row that opens another page. */
export function LinkRow({ title, meta, onClick }: { title: string; meta?: ReactNode; onClick: () => void }) {
  return (
    <View className="kit-link" hoverClass="kit-link--pressed" onClick={onClick} role="link">
      <View className="kit-link__body">
        <Text className="kit-link__title">{title}</Text>
        {meta ? <View className="kit-link__meta">{meta}</View> : null}
      </View>
      <Text className="kit-link__arrow">›</Text>
    </View>
  );
}

/** Questions that open their answers one tap at a time. */
export function Accordion({ items }: { items: { q: string; a: string }[] }) {
  const [open, setOpen] = useState<Set<number>>(() => new Set());
  const toggle = (i: number) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });
  return (
    <View className="kit-qa">
      {items.map((item, i) => {
        const isOpen = open.has(i);
        return (
          <View key={i} className={`kit-qa__item${isOpen ? ' kit-qa__item--open' : ''}`}>
            <View className="kit-qa__q" hoverClass="kit-qa__q--pressed" onClick={() => toggle(i)} role="button" aria-expanded={isOpen}>
              <Text className="kit-qa__badge">问</Text>
              <Text className="kit-qa__text">{item.q}</Text>
              <Text className="kit-qa__toggle">{isOpen ? '收起' : '展开'}</Text>
            </View>
            {isOpen ? (
              <View className="kit-qa__a">
                <Text className="kit-qa__badge kit-qa__badge--a">答</Text>
                <Paragraphs className="kit-qa__text" text={item.a} />
              </View>
            ) : null}
          </View>
        );
      })}
    </View>
  );
}
