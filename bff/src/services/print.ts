import {
  beijingDate,
  itemFieldLabels,
  qrUrl,
  sevenPublicFields,
  sevenPublicTitles,
  type SevenPublicField,
  type ServiceItemDraft,
  visitsLabel,
} from '@zw/shared';
import { and, asc, eq } from 'drizzle-orm';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Db } from '../db/client';
import { departments, halls, serviceItems, serviceWindows, windowItems } from '../db/schema';
import { NotFoundError } from '../lib/errors';
import type { QrImages } from '../lib/ports';
import type { ServiceContext, VerbArgs } from '../lib/service';
import { itemSnapshot } from './editor/items';
import { qrCodesFor } from './qr';

/*
 * Printable pages, rendered on the server as plain HTML with print CSS:
 *
 *   明白纸 (one-page guide) of an item: the 七公开, materials, time limits,
 *     where to go, and a QR code back to the online guide. A4, one or two pages.
 *   A hall's window codes: one card per window (number, name, QR) to cut out
 *     and post at the window. A4, six cards a page.
 *
 * Every value goes through hono/html's `html` template, which escapes it; the
 * only raw markup is the QR code's SVG, which our QR library generates from
 * a URL we build. Anonymous visitors get published content only; editors may
 * print drafts, marked 草稿 on every page.
 *
 * The verbs are printItem and printHallWindows; printableItem, itemSheet and
 * hallWindowsSheet are their steps (a read and two renderings), not verbs.
 */

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const FONTS = `"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","Microsoft YaHei","PingFang SC",sans-serif`;

const baseCss = `
@page { size: A4; margin: 12mm 13mm 12mm 13mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: ${FONTS}; color: #111; font-size: 9.6pt; line-height: 1.45; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media screen { body { background: #e9ecef; } .sheet { background: #fff; width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 12mm 13mm; box-shadow: 0 1px 6px rgba(0,0,0,.2); } }
h1 { font-size: 17pt; margin: 0 0 1.5mm; line-height: 1.25; }
h2 { font-size: 10.5pt; margin: 0; }
ol, ul { margin: 0; padding-left: 5mm; }
li { margin: 0 0 .6mm; }
p { margin: 0; }
.muted { color: #555; }
.small { font-size: 8.4pt; }
.draft-banner { border: 1.2pt solid #b00020; color: #b00020; font-weight: bold; padding: 1.2mm 3mm; margin-bottom: 3mm; text-align: center; letter-spacing: .5em; }
.watermark { position: fixed; top: 40%; left: 0; right: 0; text-align: center; font-size: 110pt; color: rgba(176, 0, 32, .10); transform: rotate(-30deg); pointer-events: none; z-index: 0; letter-spacing: .2em; }
`;

const itemCss = `
.head { display: flex; gap: 5mm; align-items: flex-start; border-bottom: 1.6pt solid #1f4e8c; padding-bottom: 2.5mm; margin-bottom: 2.5mm; }
.head .titles { flex: 1; }
.kicker { color: #1f4e8c; font-weight: bold; font-size: 9pt; letter-spacing: .15em; margin-bottom: 1mm; }
.qr { width: 30mm; text-align: center; flex: none; }
.qr svg { width: 30mm; height: 30mm; display: block; }
.qr .caption { font-size: 7.6pt; line-height: 1.3; }
.facts { display: flex; flex-wrap: wrap; gap: 1mm 5mm; font-size: 8.8pt; margin-top: 1.5mm; }
.facts b { font-weight: bold; }
table.seven { width: 100%; border-collapse: collapse; margin-bottom: 2.5mm; }
table.seven > tbody > tr > th { width: 21mm; text-align: left; vertical-align: top; background: #eef3fa; color: #1f4e8c; padding: 1.4mm 2mm; border: .6pt solid #b9c8dd; font-size: 9.6pt; white-space: nowrap; }
table.seven > tbody > tr > td { padding: 1.4mm 2mm; border: .6pt solid #b9c8dd; vertical-align: top; }
table.seven tr { break-inside: avoid; }
.num { display: inline-block; min-width: 4.2mm; }
.basis .law { font-weight: bold; }
.basis .articles { font-size: 8.4pt; color: #333; }
.step b { font-weight: bold; }
h2.section { color: #1f4e8c; border-left: 1.6mm solid #1f4e8c; padding-left: 2mm; margin: 2.5mm 0 1.5mm; break-after: avoid; }
table.materials { width: 100%; border-collapse: collapse; font-size: 8.8pt; }
table.materials th, table.materials td { border: .6pt solid #bbb; padding: .9mm 1.5mm; text-align: left; vertical-align: top; }
table.materials th { background: #f3f3f3; }
table.materials tr { break-inside: avoid; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 1mm 6mm; }
.footer { margin-top: 3mm; border-top: .6pt solid #999; padding-top: 1.5mm; font-size: 8pt; color: #444; display: flex; justify-content: space-between; gap: 4mm; }
`;

const sheetCss = `
@page { size: A4; margin: 10mm; }
.cards { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
.card { border: 1pt dashed #777; border-radius: 2mm; padding: 5mm 4mm; text-align: center; break-inside: avoid; height: 86mm; display: flex; flex-direction: column; align-items: center; justify-content: space-between; position: relative; }
.card .number { font-size: 26pt; font-weight: bold; color: #1f4e8c; line-height: 1.1; }
.card .name { font-size: 12pt; font-weight: bold; }
.card .dept { font-size: 9pt; color: #444; }
.card svg { width: 42mm; height: 42mm; display: block; }
.card .code { font-size: 9pt; letter-spacing: .15em; }
.card .hint { font-size: 8pt; color: #444; }
.card .draft { position: absolute; top: 2mm; right: 3mm; color: #b00020; border: .8pt solid #b00020; font-size: 8pt; padding: 0 1.5mm; }
.sheet-head { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 1.4pt solid #1f4e8c; margin-bottom: 4mm; padding-bottom: 1.5mm; }
.sheet-head h1 { font-size: 15pt; }
`;

function page(title: string, css: string, body: Html, draft: boolean): Html {
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title}</title>
        <style>
          ${raw(baseCss)}${raw(css)}
        </style>
      </head>
      <body>
        ${draft ? html`<div class="watermark" aria-hidden="true">草稿</div>` : ''}
        <main class="sheet">${body}</main>
      </body>
    </html>`;
}

/** The ideographic space printed between parts of a line (written as an escape: lint refuses it raw). */
const SP = '\u3000';

const dash = (v: string | null | undefined) => (v && v.trim() ? v : '（未填写）');

// ---------------------------------------------------------------- 明白纸

export type PrintableItem = ServiceItemDraft & {
  id: number;
  department: { name: string; phone: string };
  windows: Array<{ hall: string; number: string; name: string }>;
  qrCode: string;
  updatedAt: string;
};

async function printableItem(db: Db, id: number, includeDrafts: boolean): Promise<PrintableItem> {
  const row = await db
    .select({ item: serviceItems, deptName: departments.name, deptPhone: departments.phone })
    .from(serviceItems)
    .innerJoin(departments, eq(departments.id, serviceItems.departmentId))
    .where(includeDrafts ? eq(serviceItems.id, id) : and(eq(serviceItems.id, id), eq(serviceItems.status, 'published')))
    .get();
  if (!row) throw new NotFoundError('没有找到这个办事指南，可能已调整或尚未公开');
  const windows = await db
    .select({ hall: halls.name, number: serviceWindows.number, name: serviceWindows.name })
    .from(windowItems)
    .innerJoin(serviceWindows, eq(serviceWindows.id, windowItems.windowId))
    .innerJoin(halls, eq(halls.id, serviceWindows.hallId))
    .where(and(eq(windowItems.itemId, id), eq(serviceWindows.status, 'published'), eq(halls.status, 'published')))
    .orderBy(asc(halls.id), asc(serviceWindows.number));
  const codes = await qrCodesFor(db, 'item', [id]);
  return {
    ...itemSnapshot(row.item),
    id,
    department: { name: row.deptName, phone: row.deptPhone },
    windows,
    qrCode: codes.get(id) ?? '',
    updatedAt: row.item.updatedAt,
  };
}

/** The seven things every guide publishes, with the labels printed beside them (the tests look for these): the content model's. */
export const sevenPublicLabels = sevenPublicFields.map((k) => sevenPublicTitles[k].print);

const numerals = ['一', '二', '三', '四', '五', '六', '七'];

/** What each of the 七公开 prints in its cell. */
const sevenPublicCells: Record<SevenPublicField, (item: PrintableItem) => Html | string> = {
  name: (item) => html`${dash(item.name)}（${item.itemType}）`,
  legalBasis: (item) =>
    item.legalBasis.length
      ? html`<ol>
          ${item.legalBasis.map((b) => html`<li><span class="law">${b.law}</span>${b.articles ? html` <span class="articles">${b.articles}</span>` : ''}</li>`)}
        </ol>`
      : '（未填写）',
  procedure: (item) =>
    item.procedure.length
      ? html`<ol>
          ${item.procedure.map(
            (s) =>
              html`<li class="step">
                <b>${s.title}</b>${s.days !== null ? html`（${s.days === 0 ? '当场' : `${s.days} 个工作日`}）` : ''}：${s.description}
              </li>`,
          )}
        </ol>`
      : '（未填写）',
  conditions: (item) =>
    item.conditions.length
      ? html`<ol>
          ${item.conditions.map((x) => html`<li>${x}</li>`)}
        </ol>`
      : '（未填写）',
  fee: (item) => html`${dash(item.fee.standard)}${item.fee.basis ? html`<div class="small muted">依据：${item.fee.basis}</div>` : ''}`,
  responsibleUnit: (item) => dash(item.responsibleUnit),
  supervisionPhone: (item) => html`${dash(item.supervisionPhone)}<span class="small muted">${SP}（对办理过程有意见或投诉，请拨打）</span>`,
};

async function itemSheet(item: PrintableItem, opts: { publicBaseUrl: string; qr: QrImages; printedAt: Date }): Promise<Html> {
  const url = item.qrCode ? qrUrl(opts.publicBaseUrl, item.qrCode) : null;
  const svg = url ? await opts.qr.svg(url, { margin: 1 }) : null;
  const draft = item.status !== 'published';
  const timeLimit =
    item.statutoryLimitDays === 0 && item.promisedLimitDays === 0
      ? '即办'
      : `法定 ${item.statutoryLimitDays} 个工作日，承诺 ${item.promisedLimitDays} 个工作日`;
  const visits = visitsLabel(item.visitsNeeded);

  const body = html` ${draft ? html`<div class="draft-banner">草稿 · 未发布 · 仅供审核</div>` : ''}
    <header class="head">
      <div class="titles">
        <div class="kicker">办事指南 · 明白纸</div>
        <h1 data-field="name">${dash(item.name)}</h1>
        <div class="facts">
          <span><b>事项编码</b> ${item.code}</span>
          <span><b>事项类型</b> ${item.itemType}</span>
          <span><b>实施部门</b> ${item.department.name}</span>
        </div>
        ${item.summary ? html`<p class="small muted" style="margin-top:1.2mm">${item.summary}</p>` : ''}
      </div>
      ${
        svg && url
          ? html`<figure class="qr" data-qr-url="${url}" style="margin:0">
              ${raw(svg)}
              <figcaption class="caption">
                微信或手机扫码<br />查看网上办事指南<br /><span class="muted">编号 ${item.qrCode}</span>
              </figcaption>
            </figure>`
          : ''
      }
    </header>

    <table class="seven">
      <tbody>
        ${sevenPublicFields.map(
          (k, i) =>
            html`<tr>
              <th><span class="num">${numerals[i]}</span>${sevenPublicTitles[k].print}</th>
              <td class="${k === 'legalBasis' ? 'basis' : ''}">${sevenPublicCells[k](item)}</td>
            </tr>`,
        )}
      </tbody>
    </table>

    <h2 class="section">申请材料</h2>
    ${
      item.materials.length
        ? html`<table class="materials">
            <thead>
              <tr>
                <th style="width:6mm">#</th>
                <th>材料名称</th>
                <th style="width:20mm">形式</th>
                <th style="width:10mm">份数</th>
                <th style="width:10mm">必需</th>
                <th>说明</th>
              </tr>
            </thead>
            <tbody>
              ${item.materials.map(
                (m, i) =>
                  html`<tr>
                    <td>${i + 1}</td>
                    <td>${m.name}</td>
                    <td>${m.form}</td>
                    <td>${m.copies}</td>
                    <td>${m.required ? '是' : '视情况'}</td>
                    <td class="small">${m.notes}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p>无需提交材料。</p>`
    }

    <h2 class="section">办理须知</h2>
    <div class="grid">
      <p><b>办理时限：</b>${timeLimit}</p>
      <p><b>到现场次数：</b>${visits}</p>
      <p><b>办理地点：</b>${dash(item.location)}</p>
      <p><b>办公时间：</b>${dash(item.officeHours)}</p>
      <p><b>咨询电话：</b>${dash(item.consultPhone)}</p>
      <p><b>${itemFieldLabels.resultName}：</b>${dash(item.resultName)}</p>
      ${item.resultSampleUrl ? html`<p style="grid-column: 1 / -1"><b>${itemFieldLabels.resultSampleUrl}：</b>${item.resultSampleUrl}</p>` : ''}
      ${
        item.windows.length
          ? html`<p style="grid-column: 1 / -1">
              <b>办理窗口：</b>${item.windows.map((w, i) => html`${i ? '；' : ''}${w.hall} ${w.number} ${w.name}`)}
            </p>`
          : ''
      }
      ${item.onlineUrl ? html`<p style="grid-column: 1 / -1"><b>网上办理：</b>${item.onlineUrl}</p>` : ''}
    </div>

    <footer class="footer">
      <span>${item.department.name}${SP}咨询 ${item.department.phone}</span>
      <span>最后更新 ${beijingDate(item.updatedAt)}${SP}打印于 ${beijingDate(opts.printedAt)}</span>
    </footer>`;
  return page(`${draft ? '【草稿】' : ''}${item.name || item.code} — 明白纸`, itemCss, body, draft);
}

// ---------------------------------------------------------------- window codes of a hall

async function hallWindowsSheet(
  db: Db,
  hallId: number,
  opts: { includeDrafts: boolean; publicBaseUrl: string; qr: QrImages; printedAt: Date },
): Promise<Html> {
  const hall = await db
    .select()
    .from(halls)
    .where(opts.includeDrafts ? eq(halls.id, hallId) : and(eq(halls.id, hallId), eq(halls.status, 'published')))
    .get();
  if (!hall) throw new NotFoundError('没有找到这个服务大厅');
  const windows = await db
    .select({
      id: serviceWindows.id,
      number: serviceWindows.number,
      name: serviceWindows.name,
      status: serviceWindows.status,
      dept: departments.name,
    })
    .from(serviceWindows)
    .leftJoin(departments, eq(departments.id, serviceWindows.departmentId))
    .where(
      opts.includeDrafts
        ? eq(serviceWindows.hallId, hallId)
        : and(eq(serviceWindows.hallId, hallId), eq(serviceWindows.status, 'published')),
    )
    .orderBy(asc(serviceWindows.number));
  const codes = await qrCodesFor(
    db,
    'window',
    windows.map((w) => w.id),
  );
  const cards: Html[] = [];
  for (const w of windows) {
    const code = codes.get(w.id);
    const url = code ? qrUrl(opts.publicBaseUrl, code) : null;
    const svg = url ? await opts.qr.svg(url, { margin: 1 }) : '';
    cards.push(
      html`<section class="card" data-window-id="${w.id}" data-qr-url="${url ?? ''}">
        ${w.status !== 'published' ? html`<span class="draft">草稿</span>` : ''}
        <div>
          <div class="number">${w.number}</div>
          <div class="name">${w.name}</div>
          ${w.dept ? html`<div class="dept">${w.dept}</div>` : ''}
        </div>
        ${raw(svg)}
        <div>
          <div class="code">编号 ${code ?? ''}</div>
          <div class="hint">扫码查看本窗口可办事项 · 评价服务 · 留言</div>
        </div>
      </section>`,
    );
  }
  const draft = hall.status !== 'published';
  const body = html` ${draft ? html`<div class="draft-banner">草稿 · 大厅未发布 · 仅供审核</div>` : ''}
    <header class="sheet-head">
      <h1>${hall.name} · 窗口二维码</h1>
      <span class="small muted">共 ${windows.length} 个窗口${SP}打印于 ${beijingDate(opts.printedAt)}</span>
    </header>
    ${windows.length ? html`<div class="cards">${cards}</div>` : html`<p>这个大厅还没有${opts.includeDrafts ? '' : '已发布的'}窗口。</p>`}`;
  return page(`${hall.name} 窗口二维码`, sheetCss, body, draft);
}

// ---------------------------------------------------------------- the verbs

/** A printed page, and whether it may show drafts (an editor's copy is never cached). */
export type PrintPage = { html: HtmlEscapedString; drafts: boolean };

/** Editors and admins print drafts too; everyone else published content only. */
function canSeeDrafts(ctx: ServiceContext): boolean {
  return ctx.actor.kind === 'staff' && (ctx.actor.role === 'editor' || ctx.actor.role === 'admin');
}

/** The 明白纸 of a guide. */
export async function printItem({ ctx, input: { id } }: VerbArgs<{ id: number }>): Promise<PrintPage> {
  const drafts = canSeeDrafts(ctx);
  const item = await printableItem(ctx.db, id, drafts);
  return { html: await itemSheet(item, { publicBaseUrl: ctx.config.publicBaseUrl, qr: ctx.qr, printedAt: ctx.now }), drafts };
}

/** The window cards of a hall. */
export async function printHallWindows({ ctx, input: { id } }: VerbArgs<{ id: number }>): Promise<PrintPage> {
  const drafts = canSeeDrafts(ctx);
  const page = await hallWindowsSheet(ctx.db, id, {
    includeDrafts: drafts,
    publicBaseUrl: ctx.config.publicBaseUrl,
    qr: ctx.qr,
    printedAt: ctx.now,
  });
  return { html: await page, drafts };
}
