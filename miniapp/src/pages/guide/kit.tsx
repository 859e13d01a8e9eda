import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useState, type PropsWithChildren, type ReactNode } from 'react';
import { pagePaths } from '@zw/shared/paths';
import { ApiError } from '../../services/api';
import './kit.css';

/**
 * Small building blocks shared by the guide, policy and interpretation pages
 * (the policy subpackage imports them from the main package, which WeChat allows).
 */

// ------------------------------------------------------------------ loading

/** What a detail page loads: the record, or a reason it does not exist (bad or unknown id). */
export type Found<T> = { found: true; data: T } | { found: false; message: string };

/**
 * Loads a record by id. An id that is missing, malformed or unknown (400/404) is
 * "not found" (no 重试: retrying cannot help); network and server errors still throw
 * so the page can offer 重试.
 */
export async function findById<T>(id: number | null, load: (id: number) => Promise<T>, missing: string): Promise<Found<T>> {
  if (id === null) return { found: false, message: missing };
  try {
    return { found: true, data: await load(id) };
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 400)) {
      return { found: false, message: err.status === 404 && err.message ? err.message : missing };
    }
    throw err;
  }
}

/** The friendly dead end for an unknown id: what happened, and a way home. */
export function NotFound({ message }: { message: string }) {
  return (
    <View className="kit-missing" role="alert">
      <View className="kit-missing__icon">
        <Text>?</Text>
      </View>
      <Text className="kit-missing__title">{message}</Text>
      <Text className="zw-muted kit-missing__hint">可以回到首页，搜索或浏览您要办的事。</Text>
      <Button className="zw-button kit-missing__home" onClick={goHome}>
        返回首页
      </Button>
    </View>
  );
}

export function goHome() {
  void Taro.reLaunch({ url: pagePaths.home });
}

// ------------------------------------------------------------------ platform actions

/** Dial a public phone number; a cancelled dial is not an error. */
export function callPhone(phoneNumber: string) {
  Taro.makePhoneCall({ phoneNumber }).catch(() => undefined);
}

/** Copy text and say plainly what was copied. */
export async function copyText(data: string, done: string) {
  try {
    await Taro.setClipboardData({ data });
    void Taro.showToast({ title: done, icon: 'none', duration: 2000 });
  } catch {
    void Taro.showToast({ title: '复制没有成功，请长按文字手动复制', icon: 'none', duration: 2500 });
  }
}

// ------------------------------------------------------------------ formatting

/** A stored UTC timestamp as the calendar date in China (YYYY-MM-DD), whatever the phone's time zone. */
export function chinaDate(timestamp: string): string {
  const t = Date.parse(timestamp);
  if (Number.isNaN(t)) return timestamp.slice(0, 10);
  const d = new Date(t + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** 0 working days means the matter is settled on the spot. */
export function limitText(days: number): string {
  return days === 0 ? '即办' : `${days} 个工作日`;
}

export function visitsText(visits: number): string {
  if (visits === 0) return '全程网办';
  if (visits === 1) return '最多跑一次';
  return `到现场 ${visits} 次`;
}

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

// ------------------------------------------------------------------ layout

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
