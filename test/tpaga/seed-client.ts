/**
 * The seed's Python `TpagaTestClient` (shared/seeds/001, the 2016 blog post),
 * transcribed statement by statement: `urljoin(base_url, path)`, `requests.post(json=…,
 * auth=(token, ''))`, `json_from_response` raising on any unexpected status. Only the
 * base URL differs from the seed; the keys are the seed's own demo keys.
 */
export const TPAGA_PRIVATE_TOKEN = 'd13fr8n7vhvkuch3lq2ds5qhjnd2pdd2';
export const TPAGA_PUBLIC_TOKEN = 'pk_test_qvbvuthlvqpijnr0elmtg5jh';

/** requests' HTTPBasicAuth(user, password). */
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`, 'latin1').toString('base64')}`;

export class TpagaTestClient {
  constructor(
    readonly baseUrl: string,
    readonly privateToken = TPAGA_PRIVATE_TOKEN,
  ) {}

  apiPost(path: string, data: unknown, token?: string): Promise<Response> {
    if (!token) token = this.privateToken;
    // urlparse.urljoin(self.base_url, path)
    return fetch(new URL(path, this.baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: basic(token, '') },
      body: JSON.stringify(data),
    });
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
