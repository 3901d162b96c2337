/**
 * A number cell as the sheet shows it. A spreadsheet keeps a number and a format: `25%` is 0.25
 * shown as a percent, `007` is 7 shown with three digits, `2008年1月1日` is day 39448. The value
 * alone would change the answer an author typed (a fill-in key `25%` would become `0.25`), so
 * the formats institutions use are applied here: digits, decimals, thousands separators,
 * percent, literal text (`"¥"`, `"分"`) and dates and times (`yyyy"年"m"月"d"日"`, `hh:mm`).
 * A format this does not know (fractions, scientific, a weekday's name) gives null.
 */

/** Excel's built-in formats by id (the ids a workbook uses without listing them); 14–22 are dates in the computer's own order, left to the reader. */
const BUILT_IN: Readonly<Record<number, string>> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00;(#,##0.00)', 40: '#,##0.00;[Red](#,##0.00)', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

/** A cell style's format code: a workbook's own, or a built-in one; null for General and the locale's dates. */
export function formatCode(id: number, custom: ReadonlyMap<number, string>): string | null {
  const code = custom.get(id) ?? BUILT_IN[id];
  return code === undefined || code === 'General' || code === '@' ? null : code;
}

type Token = { literal: string } | { code: string };

/** A section of a format code as literal text and code characters (`"年"`, `\-`, `[$¥-804]` are text; `[Red]`, `_)` and `*-` show nothing). */
function tokens(section: string): Token[] | null {
  const out: Token[] = [];
  for (let i = 0; i < section.length; i++) {
    const ch = section[i]!;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      if (end < 0) return null;
      out.push({ literal: section.slice(i + 1, end) });
      i = end;
    } else if (ch === '\\') out.push({ literal: section[++i] ?? '' });
    else if (ch === '_' || ch === '*') i++;
    else if (ch === '[') {
      const end = section.indexOf(']', i);
      if (end < 0) return null;
      const inner = section.slice(i + 1, end);
      const currency = /^\$([^-]*)/.exec(inner);
      if (currency) out.push({ literal: currency[1]! });
      else if (!/^(?:red|black|blue|green|white|yellow|magenta|cyan|color\d+)$/i.test(inner)) return null; // [h], [>100]
      i = end;
    } else if ('$-+/():!^&\'~{}<>= ，。、'.includes(ch) || /[\u4e00-\u9fff]/.test(ch)) out.push({ literal: ch });
    else out.push({ code: ch });
  }
  return out;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A date and time shown in a format of y, m, d, h, s (m is minutes after h or before s). */
function formatDate(date: Date, parts: Token[]): string | null {
  const runs: Array<{ literal: string } | { run: string }> = [];
  for (const t of parts) {
    if ('literal' in t) runs.push(t);
    else {
      const last = runs.at(-1);
      if (last && 'run' in last && last.run[0]!.toLowerCase() === t.code.toLowerCase()) last.run += t.code;
      else runs.push({ run: t.code });
    }
  }
  let out = '';
  for (const [i, r] of runs.entries()) {
    if ('literal' in r) {
      out += r.literal;
      continue;
    }
    const run = r.run.toLowerCase();
    const before = runs.slice(0, i).reverse().find((x) => 'run' in x) as { run: string } | undefined;
    const after = runs.slice(i + 1).find((x) => 'run' in x) as { run: string } | undefined;
    const minutes = run[0] === 'm' && (before?.run[0]?.toLowerCase() === 'h' || after?.run[0]?.toLowerCase() === 's');
    if (run === 'yyyy' || run === 'yyy') out += date.getUTCFullYear();
    else if (run === 'yy') out += pad(date.getUTCFullYear() % 100, 2);
    else if ((run === 'm' || run === 'mm') && minutes) out += pad(date.getUTCMinutes(), run.length);
    else if (run === 'm' || run === 'mm') out += pad(date.getUTCMonth() + 1, run.length);
    else if (run === 'd' || run === 'dd') out += pad(date.getUTCDate(), run.length);
    else if (run === 'h' || run === 'hh') out += pad(date.getUTCHours(), run.length);
    else if (run === 's' || run === 'ss') out += pad(date.getUTCSeconds(), run.length);
    else if (run === '.') out += '.';
    else return null; // mmm, dddd, AM/PM, fractions of a second
  }
  return out;
}

/** A number shown in a format of 0, #, ?, a decimal point, thousands separators and %. */
function formatDigits(value: number, parts: Token[]): string | null {
  const codes = parts.map((t) => ('code' in t ? t.code : null));
  const first = codes.findIndex((c) => c !== null && '0#?.'.includes(c));
  const last = codes.length - 1 - [...codes].reverse().findIndex((c) => c !== null && '0#?.,'.includes(c));
  if (first < 0) return null;
  const mask = codes.slice(first, last + 1);
  if (mask.some((c) => c === null || !'0#?.,'.includes(c))) return null; // digits mixed with text ("000-0000"), E+, /
  const rest = [...parts.slice(0, first), ...parts.slice(last + 1)];
  if (rest.some((t) => 'code' in t && t.code !== '%')) return null;
  const percent = rest.filter((t) => 'code' in t).length;
  const maskText = mask.join('');
  const [whole = '', fraction = ''] = maskText.split('.');
  if (whole.endsWith(',')) return null; // a trailing comma divides by a thousand
  const scaled = Number((value * 100 ** percent).toPrecision(15));
  const required = fraction.replace(/[^0?]/g, '').length;
  const places = fraction.length;
  let [int = '', dec = ''] = Math.abs(scaled).toFixed(places).split('.');
  dec = dec.slice(0, required) + dec.slice(required).replace(/0+$/, '');
  int = int.replace(/^0+/, '').padStart(whole.replace(/[^0?]/g, '').length, '0');
  if (whole.includes(',')) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const number = `${scaled < 0 ? '-' : ''}${int}${dec || fraction.includes('0') ? `.${dec}` : ''}`;
  const text = (list: Token[]) => list.map((t) => ('literal' in t ? t.literal : '%')).join('');
  return `${text(parts.slice(0, first))}${number}${text(parts.slice(last + 1))}`;
}

const MAX_FORMAT_LENGTH = 255;

/**
 * A number or date as its format shows it, or null when the format is not one this reads.
 * @param value the cell's number, or its date as a spreadsheet reader gives it (UTC)
 * @param code the format code (`0.00%`, `yyyy/m/d`)
 */
export function formatted(value: number | Date, code: string): string | null {
  // Excel keeps a format code to 255 characters; a longer one comes from no spreadsheet program, and splitting it costs its length squared.
  if (code.length > MAX_FORMAT_LENGTH) return null;
  const sections = code.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  const negative = typeof value === 'number' && value < 0 && sections.length > 1;
  const parts = tokens(sections[negative ? 1 : 0]!);
  if (!parts) return null;
  const dateCodes = parts.some((t) => 'code' in t && /[ydhs]/i.test(t.code)) || (parts.every((t) => !('code' in t) || /[m:.]/i.test(t.code)) && parts.some((t) => 'code' in t && /m/i.test(t.code)));
  if (dateCodes) {
    const date = typeof value === 'number' ? new Date(Date.UTC(1899, 11, 30) + Math.round(value * 86_400_000)) : value;
    return formatDate(date, parts.filter((t) => !('code' in t) || t.code !== ' '));
  }
  if (typeof value !== 'number') return null;
  return formatDigits(negative ? -value : value, parts);
}
