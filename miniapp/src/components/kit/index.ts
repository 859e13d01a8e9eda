/*
 * The mini-program's UI kit, in the main package: every subpackage may import it
 * (subpackages never import each other). Colours, spacing, radii and the type scale
 * come from styles/tokens.css.
 */
export { Banner, type BannerKind } from './Banner';
export { DueBadge, StateTag } from './CaseTags';
export { Chip } from './Chip';
export { Accordion, Fact, LinkRow, Paragraphs, Section } from './Content';
export { Field, FieldError, useFieldLabel } from './Field';
export { NotFound, findById, goHome, type Found } from './NotFound';
export { RecordPage } from './RecordPage';
export { ShareButton } from './ShareButton';
export { Toggle } from './Toggle';
export { chinaDate } from './format';
