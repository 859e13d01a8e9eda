import type { Locator, Page } from 'playwright-core';

/*
 * Locators the e2e files share. Taro's H5 keeps earlier pages of the stack in the
 * DOM (hidden), so every lookup takes the first *visible* match.
 */

/** The first visible element with this text (`exact`: the whole text, case and whitespace included). */
export const visible = (page: Page, text: string | RegExp, { exact = false } = {}): Locator =>
  page.getByText(text, { exact }).filter({ visible: true }).first();

/** The first visible element matching a selector (buttons, list rows). */
export const button = (page: Page, selector: string): Locator => page.locator(selector).filter({ visible: true }).first();

/**
 * The input or textarea a selector names: the element itself (Taro's React Input is a plain <input>) or the
 * native field inside it (Textarea is still a Taro web component wrapping a <textarea>).
 */
export const field = (page: Page | Locator, selector: string): Locator =>
  page.locator(`input${selector}, textarea${selector}, ${selector} input, ${selector} textarea`).filter({ visible: true }).first();

/** The landing page after a staff login, by role. */
export const STAFF_HOME = /\/packages\/staff\/(inbox|supervisor)\/index/;
export const EDITOR_HOME = /\/packages\/editor\/list\/index/;

/** The citizen's new-message form: name, phone, and the consent to the privacy notice. */
export async function fillContact(page: Page, name: string, phone: string) {
  await page.locator('input[placeholder*="姓名"]').filter({ visible: true }).first().fill(name);
  await page.locator('input[placeholder*="电话"]').filter({ visible: true }).first().fill(phone);
  await visible(page, /我已阅读并同意/).click();
}
