/**
 * A tiny .xlsx writer for test fixtures: text cells as inline strings, sheets in
 * the order given. Enough for a spreadsheet reader to see what an institution's
 * exported question bank holds, without a spreadsheet library: number formats
 * (a percent, a date, `000`), formulas with their cached value or error, hidden sheets and rows.
 */
import { writeZip } from './zip-writer.js';

/** A number shown in a number format (`0%`, `yyyy/m/d`, `000`), or a formula with its cached value (an error code such as `#DIV/0!` when `error`). */
export interface StyledCell {
  value: string | number;
  format?: string;
  formula?: string;
  error?: boolean;
}
export type Cell = string | number | null | StyledCell;

export interface WorkbookOptions {
  /** Merged ranges per sheet ("D2:D4"). */
  merged?: Record<string, string[]>;
  /** Sheets that are hidden. */
  hidden?: string[];
  /** Rows (1-based) hidden in each sheet. */
  hiddenRows?: Record<string, number[]>;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function column(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Number formats by their code: each gets a cell style (index from 1; 0 is the default). */
class Styles {
  readonly formats: string[] = [];
  index(format: string): number {
    if (!this.formats.includes(format)) this.formats.push(format);
    return this.formats.indexOf(format) + 1;
  }
  xml(): string {
    const custom = this.formats.map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${escape(f)}"/>`).join('');
    const xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', ...this.formats.map((_, i) => `<xf numFmtId="${164 + i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`)];
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${custom ? `<numFmts count="${this.formats.length}">${custom}</numFmts>` : ''}<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs></styleSheet>`;
  }
}

function cellXml(value: Cell, ref: string, styles: Styles): string {
  if (value === null || value === '') return '';
  if (typeof value === 'number') return `<c r="${ref}"><v>${value}</v></c>`;
  if (typeof value === 'string') return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escape(value)}</t></is></c>`;
  const style = value.format ? ` s="${styles.index(value.format)}"` : '';
  const formula = value.formula ? `<f>${escape(value.formula)}</f>` : '';
  if (value.error) return `<c r="${ref}"${style} t="e">${formula}<v>${escape(String(value.value))}</v></c>`;
  if (typeof value.value === 'number') return `<c r="${ref}"${style}>${formula}<v>${value.value}</v></c>`;
  return `<c r="${ref}"${style} t="str">${formula}<v>${escape(value.value)}</v></c>`;
}

function sheetXml(rows: Cell[][], styles: Styles, merged: string[] = [], hiddenRows: number[] = []): string {
  const body = rows.map((row, r) => {
    const cells = row.map((value, c) => cellXml(value, `${column(c)}${r + 1}`, styles));
    return `<row r="${r + 1}"${hiddenRows.includes(r + 1) ? ' hidden="1"' : ''}>${cells.join('')}</row>`;
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body.join('')}</sheetData>${merged.length ? `<mergeCells count="${merged.length}">${merged.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>` : ''}</worksheet>`;
}

/**
 * An .xlsx workbook with the given sheets (name → rows of cells).
 * @param options merged ranges, hidden sheets and rows; a record of merged ranges alone as before
 */
export function writeXlsx(sheets: Record<string, Cell[][]>, options: WorkbookOptions | Record<string, string[]> = {}): Buffer {
  const { merged = {}, hidden = [], hiddenRows = {} } = Object.values(options).every(Array.isArray) && !('hidden' in options) ? { merged: options as Record<string, string[]> } : (options as WorkbookOptions);
  const names = Object.keys(sheets);
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const styles = new Styles();
  const parts = names.map((n, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: sheetXml(sheets[n]!, styles, merged[n], hiddenRows[n]), deflate: true }));
  const stylesRel = `<Relationship Id="rIdStyles" Type="${rel}/styles" Target="styles.xml"/>`;
  return writeZip([
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${names.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${main}" xmlns:r="${rel}"><sheets>${names.map((n, i) => `<sheet name="${escape(n)}" sheetId="${i + 1}"${hidden.includes(n) ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}${stylesRel}</Relationships>`,
    },
    { name: 'xl/styles.xml', data: styles.xml() },
    ...parts,
  ]);
}
