/**
 * Payture's XML answers as typed results. Every result keeps the raw body, the
 * normalised XML (`contracts/payture-xml.ts`) and all attributes as strings; the typed
 * fields are read from the attributes that the command's answer carries.
 */
import { parsePaytureXml, type PaytureXml } from '../../contracts/payture-xml.ts';

export interface ThreeDSChallenge {
  /** Where to POST the customer's browser (with PaReq, MD = threeDSKey, TermUrl). */
  acsUrl: string;
  paReq: string;
  threeDSKey: string;
}

export interface StoredCard {
  /** Masked number, e.g. `411111xxxxxx1112`. */
  cardName: string;
  cardId: string;
  cardHolder: string;
  /** `IsActive` or `NotActive`. */
  status: string;
  active: boolean;
  noCVV: boolean;
  expired: boolean;
}

export interface PaytureResult {
  /** Root element name: the command that answered (`Pay`, `GetState`, …). */
  command: string;
  /** `Success="True"`. False for errors and for 3-D Secure (`status` is then `3DS`). */
  success: boolean;
  /** The raw `Success` value: `True`, `False` or `3DS`. */
  status: string;
  errCode?: string;
  threeDS?: ThreeDSChallenge;
  orderId?: string;
  amount?: number;
  newAmount?: number;
  key?: string;
  /** GetState `State`, InPay PayStatus `State`, eWallet PayStatus `Status`. */
  state?: string;
  forwarded?: boolean;
  merchantContract?: string;
  rrn?: string;
  vwUserLgn?: string;
  panMask?: string;
  cardId?: string;
  cardName?: string;
  sessionId?: string;
  sessionType?: string;
  /** Init: where to send the customer (`{base}/apim/Pay?SessionId=…`, `/vwapi/Pay`, `/vwapi/Add`). */
  redirectUrl?: string;
  /** GetList items. */
  cards: StoredCard[];
  /** AddInfo children as Key → Value. */
  addInfo: Record<string, string>;
  attributes: Record<string, string>;
  xml: PaytureXml;
  raw: string;
}

const num = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined);

export function toResult(raw: string): PaytureResult {
  const xml = parsePaytureXml(raw);
  const a = xml.attributes;
  const addInfo: Record<string, string> = {};
  for (const c of xml.children) if (c.name === 'AddInfo' && c.attributes.Key !== undefined) addInfo[c.attributes.Key] = c.attributes.Value ?? '';
  const cards = xml.children
    .filter((c) => c.name === 'Item')
    .map(({ attributes: i }) => ({
      cardName: i.CardName ?? '',
      cardId: i.CardId ?? '',
      cardHolder: i.CardHolder ?? '',
      status: i.Status ?? '',
      active: i.Status === 'IsActive',
      noCVV: i.NoCVV?.toLowerCase() === 'true',
      expired: i.Expired?.toLowerCase() === 'true',
    }));
  const result: PaytureResult = {
    command: xml.name,
    success: a.Success?.toLowerCase() === 'true',
    status: a.Success ?? '',
    cards,
    addInfo,
    attributes: a,
    xml,
    raw,
  };
  const set = <K extends keyof PaytureResult>(k: K, v: PaytureResult[K] | undefined) => {
    if (v !== undefined) result[k] = v;
  };
  set('errCode', a.ErrCode);
  if (a.Success?.toUpperCase() === '3DS') result.threeDS = { acsUrl: a.ACSUrl ?? '', paReq: a.PaReq ?? '', threeDSKey: a.ThreeDSKey ?? '' };
  set('orderId', a.OrderId);
  set('amount', num(a.Amount));
  set('newAmount', num(a.NewAmount));
  set('key', a.Key);
  set('state', a.State ?? a.Status);
  if (a.Forwarded !== undefined) result.forwarded = a.Forwarded.toLowerCase() === 'true';
  set('merchantContract', a.MerchantContract);
  set('rrn', a.RRN);
  set('vwUserLgn', a.VWUserLgn);
  set('panMask', a.PANMask);
  set('cardId', a.CardId);
  set('cardName', a.CardName);
  set('sessionId', a.SessionId);
  set('sessionType', a.SessionType);
  return result;
}
