/** SVG assets are parsed, not pattern-matched: every way of hiding script is refused, ordinary drawings pass. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { svgProblem } from '../src/course/asset-safety.js';
import { REPO } from './support/packages.js';

const SVG = 'xmlns="http://www.w3.org/2000/svg"';

describe('SVG assets', () => {
  it.each([
    ['script', `<svg ${SVG}><script>alert(1)</script></svg>`, /<script> element/],
    ['script under another prefix', `<svg ${SVG} xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></svg>`, /<script> element/],
    ['XHTML script', `<svg ${SVG}><h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>`, /namespace "http:\/\/www.w3.org\/1999\/xhtml"/],
    ['entity in a DTD', `<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;">]><svg ${SVG}><text>&x;</text></svg>`, /declares a DTD/],
    ['foreign object', `<svg ${SVG}><foreignObject><div xmlns="http://www.w3.org/1999/xhtml"/></foreignObject></svg>`, /<foreignObject> element/],
    ['event handler', `<svg ${SVG} onload="alert(1)"/>`, /event handler \(onload\)/],
    ['handler on a child in upper case', `<svg ${SVG}><rect ONCLICK="alert(1)"/></svg>`, /event handler/],
    ['external use', `<svg ${SVG} xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="https://evil.example/x.svg#a"/></svg>`, /outside the file/],
    ['javascript link', `<svg ${SVG}><image href="javascript:alert(1)"/></svg>`, /outside the file/],
    ['link element', `<svg ${SVG}><a href="#x"><text>x</text></a></svg>`, /<a> element/],
    ['animated link', `<svg ${SVG}><set attributeName="href" to="javascript:alert(1)"/></svg>`, /<set> element/],
    ['stylesheet import', `<svg ${SVG}><style>@import url(https://evil.example/x.css);</style></svg>`, /stylesheet imports/],
    ['remote image in a style attribute', `<svg ${SVG}><rect style="fill: url(https://evil.example/p.png)"/></svg>`, /style attribute loads/],
    ['stylesheet processing instruction', `<?xml-stylesheet href="https://evil.example/x.css"?><svg ${SVG}/>`, /processing instruction/],
    ['not SVG at all', `<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>`, /root element is not an SVG/],
    ['not XML', `<svg ${SVG}><g></svg>`, /not well-formed XML/],
  ])('refuses %s', (_name, text, reason) => {
    expect(svgProblem(text)).toMatch(reason);
  });

  it('accepts drawings with gradients, local references, styles, text and embedded images', () => {
    const drawing = `<?xml version="1.0" encoding="UTF-8"?>
<svg ${SVG} xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 100 100" inkscape:version="1.3">
  <title>流程图</title>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#123"/></linearGradient><marker id="m"><path d="M0 0L5 5"/></marker></defs>
  <style>.box { fill: url(#g); stroke: #000 }</style>
  <rect class="box" width="10" height="10" style="fill: url(#g)"/>
  <use xlink:href="#m"/><text x="1" y="2">第一步 → Step 1</text>
  <image href="data:image/png;base64,iVBORw0KGgo="/>
</svg>`;
    expect(svgProblem(drawing)).toBeNull();
  });

  it('accepts every diagram of the catalogue', () => {
    const files = readdirSync(path.join(REPO, 'courses'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.svg'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(svgProblem(readFileSync(path.join(REPO, 'courses', file), 'utf8')), file).toBeNull();
  });
});
