/**
 * The seed's Python `TpagaTestClient` (shared/seeds/001, the 2016 blog post),
 * transcribed statement by statement: `urljoin(base_url, path)`, `requests.post(json=…,
 * auth=(token, ''))` byte for byte (seed-001/python-requests.ts; the Python itself runs in
 * seed-001/), `json_from_response` raising on any unexpected status. Only the base URL
 * differs from the seed; the keys are the seed's own demo keys.
 */
import { REQUESTS_DEFAULTS, requestsPost } from './seed-001/python-requests.ts';

export const TPAGA_PRIVATE_TOKEN = 'd13fr8n7vhvkuch3lq2ds5qhjnd2pdd2';
export const TPAGA_PUBLIC_TOKEN = 'pk_test_qvbvuthlvqpijnr0elmtg5jh';

export class TpagaTestClient {
  constructor(
    readonly baseUrl: string,
    readonly privateToken = TPAGA_PRIVATE_TOKEN,
    /** requests' User-Agent and Accept-Encoding (they follow the installed version). */
    readonly defaults = REQUESTS_DEFAULTS,
  ) {}

  apiPost(path: string, data: unknown, token?: string): Promise<Response> {
    if (!token) token = this.privateToken;
    // urlparse.urljoin(self.base_url, path)
    return requestsPost(new URL(path, this.baseUrl), { json: data, auth: [token, ''], defaults: this.defaults });
  }

  async fail(response: Response): Promise<never> {
    throw new Error(`Whoops, got\n\nSTATUS: ${response.status}\n\nHEADERS: ${JSON.stringify([...response.headers])}\n\nCONTENT: ${await response.text()}`);
  }

  async jsonFromResponse(response: Response, expectedHttpCode?: number[]): Promise<any> {
    if (!expectedHttpCode) expectedHttpCode = [201];
    if (!expectedHttpCode.includes(response.status)) await this.fail(response);
    const content = await response.text();
    if (!content) return null;
    return JSON.parse(content);
  }

  async createCustomer(data: unknown) {
    const response = await this.apiPost('customer', data);
    return this.jsonFromResponse(response);
  }

  async assocCcToCustomer(customerToken: string, ccTempToken: string | null = null) {
    const cdata = { token: ccTempToken };
    const response = await this.apiPost(`customer/${customerToken}/credit_card_token`, cdata);
    return this.jsonFromResponse(response);
  }

  async chargeCc(ccToken: string, orderId = 'BRG-2', amount = 1000) {
    const cdata = {
      orderId: orderId,
      currency: 'COP',
      taxAmount: 0,
      description: 'One bridge in good condition.',
      installments: 1,
      amount: amount,
      creditCard: ccToken,
    };
    const response = await this.apiPost('charge/credit_card', cdata);
    return this.jsonFromResponse(response);
  }

  async refundCc(ccChargeId: string) {
    const cdata = { id: ccChargeId };
    const response = await this.apiPost('refund/credit_card', cdata);
    return this.jsonFromResponse(response, [202]);
  }
}

/** Merchant config that makes the emulator accept the seed's demo keys. */
export const seedMerchant = { tpaga: [{ privateKey: TPAGA_PRIVATE_TOKEN, publicKey: TPAGA_PUBLIC_TOKEN }] };
