/**
 * Payture's response bodies (reference §2, §6): bare XML without a prolog, one root
 * element named after the command, data in attributes, `AddInfo` / `Item` children only.
 * Recorded bodies self-close with a space (`<Charge … />`) and put children on their own
 * lines with CRLF and two spaces.
 *
 * Attribute order follows the recorded samples (`TEMPLATES`); clients must not depend on
 * it, but the emulator keeps it so that bodies compare with the recordings.
 */

export type Attrs = Record<string, string | number | undefined>;

export interface XmlChild {
  name: 'AddInfo' | 'Item';
  attrs: Attrs;
}

/** Attribute order per response shape; attributes not listed go last, in insertion order. */
export const TEMPLATES = {
  payment: ['OrderId', 'Key', 'Success', 'Amount', 'ACSUrl', 'PaReq', 'ThreeDSKey', 'ErrCode'],
  charge: ['Success', 'OrderId', 'Amount', 'ErrCode'],
  release: ['Success', 'OrderId', 'NewAmount', 'ErrCode'],
  getState: ['Success', 'OrderId', 'State', 'Forwarded', 'MerchantContract', 'Amount', 'RRN', 'VWUserLgn', 'PANMask', 'CardId', 'ErrCode'],
  init: ['Success', 'OrderId', 'Amount', 'SessionId', 'SessionType', 'ErrCode'],
  inpayStatus: ['Success', 'OrderId', 'Amount', 'State', 'RRN', 'ErrCode'],
  ewalletStatus: ['Success', 'VWUserLgn', 'OrderId', 'Forwarded', 'Amount', 'CardId', 'Status', 'ErrCode'],
  customer: ['Success', 'VWUserLgn', 'ErrCode'],
  add: ['VWUserLgn', 'Success', 'ACSUrl', 'PaReq', 'ThreeDSKey', 'ErrCode', 'CardName', 'CardId'],
  card: ['Success', 'VWUserLgn', 'CardId', 'ErrCode'],
  ewalletPay: ['VWUserLgn', 'OrderId', 'Success', 'Amount', 'ACSUrl', 'PaReq', 'ThreeDSKey', 'ErrCode'],
  ewalletRefund: ['VWUserLgn', 'OrderId', 'Success', 'NewAmount', 'ErrCode'],
  sendCode: ['Success', 'VWUserLgn', 'Amount', 'OrderId', 'ErrCode'],
  item: ['CardName', 'CardId', 'CardHolder', 'Status', 'NoCVV', 'Expired'],
  addInfo: ['Key', 'Value'],
} as const;

export type Template = keyof typeof TEMPLATES;

/** XML 1.0 forbids most control characters and lone surrogates: they are dropped. */
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeAttr(value: string): string {
  return value
    .replace(INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** Element and attribute names must be XML names; anything else is not rendered. */
export const isXmlName = (name: string): boolean => /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name);

function ordered(attrs: Attrs, order: readonly string[]): [string, string][] {
  const names = [...order.filter((n) => n in attrs), ...Object.keys(attrs).filter((n) => !order.includes(n))];
  return names.filter((n) => attrs[n] !== undefined && isXmlName(n)).map((n) => [n, String(attrs[n])]);
}

function element(name: string, attrs: Attrs, order: readonly string[]): string {
  const list = ordered(attrs, order).map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
  return `<${name}${list}`;
}

export function renderXml(root: string, template: Template, attrs: Attrs, children: XmlChild[] = []): string {
  const open = element(root, attrs, TEMPLATES[template]);
  if (children.length === 0) return `${open} />`;
  const lines = children.map((c) => `  ${element(c.name, c.attrs, TEMPLATES[c.name === 'Item' ? 'item' : 'addInfo'])} />`);
  return `${open}>\r\n${lines.join('\r\n')}\r\n</${root}>`;
}

export const XML_CONTENT_TYPE = 'text/xml; charset=utf-8';
