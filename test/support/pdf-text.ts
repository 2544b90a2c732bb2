/**
 * The text of each page of a PDF as Chromium prints it (Skia's writer): plain
 * objects, Flate streams, Type0 fonts with Identity-H glyph codes and a
 * ToUnicode CMap each. Enough for a test to find a phrase on a page; not a
 * PDF reader. Glyphs are joined without the gaps of their positions, so a
 * phrase is found within a line, not across a line break.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  readonly dict: string;
  readonly stream?: Buffer;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const found = new Map<number, PdfObject>();
  for (const match of text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = match[2] ?? '';
    const at = body.search(/stream\r?\n/);
    if (at < 0) {
      found.set(Number(match[1]), { dict: body });
      continue;
    }
    const start =
      (match.index ?? 0) +
      match[0].indexOf(body) +
      at +
      (/stream\r?\n/.exec(body.slice(at))?.[0].length ?? 0);
    const end = text.indexOf('endstream', start);
    const raw = pdf.subarray(start, end);
    const dict = body.slice(0, at);
    found.set(Number(match[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw });
  }
  return found;
}

/** Glyph code → text, from a ToUnicode CMap's bfchar and bfrange entries. */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) =>
    String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, code = '', to = ''] of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      map.set(parseInt(code, 16), utf16(to));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, from = '', to = '', first = ''] of (block[1] ?? '').matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g,
    )) {
      const start = parseInt(first, 16);
      for (let code = parseInt(from, 16); code <= parseInt(to, 16); code += 1)
        map.set(code, String.fromCharCode(start + code - parseInt(from, 16)));
    }
  return map;
}

const reference = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);

/** Each page's text, in page order (the order the page objects appear, which Skia writes in page order). */
export function pdfPageTexts(pdf: Buffer): string[] {
  const all = objects(pdf);
  const cmaps = new Map<number, Map<number, string>>();
  const cmapOf = (font: number) => {
    let map = cmaps.get(font);
    if (!map) {
      const stream = all.get(reference(all.get(font)?.dict ?? '', 'ToUnicode'))?.stream;
      map = toUnicode(stream?.toString('latin1') ?? '');
      cmaps.set(font, map);
    }
    return map;
  };
  const pages = [...all.values()].filter((o) => /\/Type \/Page\b/.test(o.dict));
  return pages.map((page) => {
    const fonts = new Map(
      [...(/\/Font <<([\s\S]*?)>>/.exec(page.dict)?.[1] ?? '').matchAll(/\/(\w+) (\d+) 0 R/g)].map(
        ([, name = '', id = '']) => [name, Number(id)],
      ),
    );
    const contents =
      /\/Contents \[([^\]]*)\]/.exec(page.dict)?.[1] ?? /\/Contents (\d+ 0 R)/.exec(page.dict)?.[1] ?? '';
    let text = '';
    for (const [, id = ''] of contents.matchAll(/(\d+) 0 R/g)) {
      const content = all.get(Number(id))?.stream?.toString('latin1') ?? '';
      let map = new Map<number, string>();
      for (const [, font, hex] of content.matchAll(/\/(\w+) [\d.]+ Tf|<([0-9A-Fa-f]+)>/g)) {
        if (font !== undefined) map = cmapOf(fonts.get(font) ?? -1);
        else for (const code of (hex ?? '').match(/.{4}/g) ?? []) text += map.get(parseInt(code, 16)) ?? '';
      }
    }
    // Chromium draws "fi" and "fl" as ligatures: their compatibility form is the two letters.
    return text.normalize('NFKC');
  });
}
