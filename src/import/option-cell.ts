/**
 * One 选项 cell holding every option of a row (`A.甲 B.乙 C.丙`, `A、甲`, `Ａ．甲`, one a line), as
 * exam systems export them. It is split only when its letters leave no doubt; otherwise the reason
 * is given, for the author to fix the cell, since a wrong split would change the question silently.
 */

type SplitOptions = { options: Array<{ letter: string; text: string }> } | { problem: string };

/** A letter (half- or full-width) and the mark after it: `A.`, `A．`, `A、`, `A:`, `A)`. */
const MARKER = /([A-ZＡ-Ｚ])([.．、:：)）])/gu;

interface Marker {
  index: number;
  end: number;
  letter: string;
  mark: string;
  /** At the start of the cell or after a space or line break: where an option starts. */
  leading: boolean;
  raw: string;
}

const letterAfter = (letter: string) => String.fromCharCode(letter.charCodeAt(0) + 1);

/** The options of a 选项 cell, or why they cannot be told apart. */
export function splitOptionCell(cell: string): SplitOptions {
  const text = cell.replace(/\r\n?/g, '\n').trim();
  const markers: Marker[] = [...text.matchAll(MARKER)].map((m) => ({
    index: m.index,
    end: m.index + m[0].length,
    letter: m[1]!.normalize('NFKC'),
    mark: m[2]!.normalize('NFKC'),
    leading: m.index === 0 || /\s/.test(text[m.index - 1]!),
    raw: m[0],
  }));
  const [first] = markers;
  if (!first || first.index !== 0 || first.letter !== 'A') return { problem: 'the cell does not start with "A." (or "A、"); write them as "A.… B.… C.…"' };
  const starts = [first];
  for (const marker of markers.slice(1)) {
    const last = starts.at(-1)!;
    const next = letterAfter(last.letter);
    // A letter with another mark than A's, or after other text (`维生素B.`), is text, unless it is the next option's letter.
    if (marker.mark !== first.mark) {
      if (marker.leading && marker.letter === next) return { problem: `"${marker.raw}" is written with another mark than "${first.raw}"` };
    } else if (!marker.leading) {
      if (marker.letter === next) return { problem: `"${marker.raw}" follows "${text.slice(last.end, marker.index).trim().slice(-8)}" with no space before it; put a space or a line break before each option's letter` };
    } else if (marker.letter === next) starts.push(marker);
    else if (marker.letter < next) return { problem: `"${marker.raw}" is written twice` };
    else return { problem: `"${marker.raw}" follows option ${last.letter}, with no option ${next}` };
  }
  const options = starts.map((start, i) => ({ letter: start.letter, text: text.slice(start.end, starts[i + 1]?.index ?? text.length).trim() }));
  const empty = options.find((o) => !o.text);
  if (empty) return { problem: `option ${empty.letter} is empty` };
  const lines = options.find((o) => o.text.includes('\n'));
  if (lines) return { problem: `option ${lines.letter} runs over more than one line` };
  return { options };
}
