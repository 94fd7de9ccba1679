/**
 * Payture answers in XML (reference §2); its contracts are JSON Schemas over this
 * normalisation, which the client, the emulator's tests and the contract suites share:
 *
 *   <GetList Success="True" VWUserLgn="a@b.c">            {
 *     <Item CardId="…" CardName="411111xxxxxx1112" />  →    "name": "GetList",
 *   </GetList>                                              "attributes": { "Success": "True", "VWUserLgn": "a@b.c" },
 *                                                           "children": [ { "name": "Item", "attributes": {…}, "children": [] } ]
 *                                                         }
 *
 * Attribute values stay strings exactly as sent (no number or boolean coercion, no
 * trimming); text content and the XML declaration are ignored; child order is kept.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface PaytureXml {
  name: string;
  attributes: Record<string, string>;
  children: PaytureXml[];
}

export class PaytureXmlError extends Error {
  constructor(
    message: string,
    readonly body: string,
  ) {
    super(message);
    this.name = 'PaytureXmlError';
  }
}

const ATTR = '@_';
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTR,
  preserveOrder: true,
  trimValues: false,
  parseAttributeValue: false,
  parseTagValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Entities are decoded below in one pass, so that `&amp;#9;` stays `&#9;` and `&#9;` becomes a tab.
  processEntities: false,
});

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeEntities = (text: string): string =>
  text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (m, e: string) => {
    if (!e.startsWith('#')) return NAMED[e]!;
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

function convert(node: Ordered): PaytureXml | undefined {
  const name = Object.keys(node).find((k) => k !== ':@' && k !== '#text' && !k.startsWith('?') && k !== '#comment');
  if (!name) return undefined;
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(node[':@'] ?? {})) if (k.startsWith(ATTR)) attributes[k.slice(ATTR.length)] = decodeEntities(String(v));
  const children = ((node[name] as Ordered[] | undefined) ?? []).map(convert).filter((c): c is PaytureXml => c !== undefined);
  return { name, attributes, children };
}

/** Parses a Payture body; throws `PaytureXmlError` when it is not one well-formed element. */
export function parsePaytureXml(body: string): PaytureXml {
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw new PaytureXmlError(`Not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`, body);
  const roots = (parser.parse(body) as Ordered[]).map(convert).filter((c): c is PaytureXml => c !== undefined);
  if (roots.length !== 1) throw new PaytureXmlError(`Expected one root element, found ${roots.length}`, body);
  return roots[0]!;
}
