/**
 * Line icons for the home and search pages, drawn as SVG and used as a CSS
 * background (`style={icon('search', '#fff')}`), so no image files are needed
 * and the same markup works in WeChat and in H5. Sized by the element (em).
 */
const paths = {
  search: '<circle cx="10.5" cy="10.5" r="6.5"/><path d="M15.5 15.5 21 21"/>',
  scan: '<path d="M3 8V5a2 2 0 0 1 2-2h3M16 3h3a2 2 0 0 1 2 2v3M21 16v3a2 2 0 0 1-2 2h-3M8 21H5a2 2 0 0 1-2-2v-3M3 12h18"/>',
  message: '<path d="M4 5h16a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1h-8l-5 4v-4H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1Z"/><path d="M7.5 9.5h9M7.5 13h6"/>',
  cases: '<path d="M6 3h9l4 4v13a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1Z"/><path d="M14.5 3v4.5H19M8.5 12h7M8.5 16h5"/>',
  progress: '<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3.5 2.5"/>',
  chevron: '<path d="m9 5 7 7-7 7"/>',
} as const;

export type IconName = keyof typeof paths;

export function iconUrl(name: IconName, color: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="${color}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${paths[name]}</svg>`;
  return `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;
}

/** Inline style that paints the icon; give the element a size and `background-size` in CSS. */
export function icon(name: IconName, color: string): { backgroundImage: string } {
  return { backgroundImage: iconUrl(name, color) };
}
