/** Text made safe inside SVG markup: names come from the catalogue and staff accounts. */
export function svgText(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** The font every chart uses, the pages' own Chinese font stack. */
export const SVG_FONT = `font-family="PingFang SC, Microsoft YaHei, Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif"`;
