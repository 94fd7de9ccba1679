/**
 * Payture's `ErrCode` values (reference §7): the union of the current documentation, older
 * documentation mirrored by client libraries, and codes recorded from the sandboxes.
 * Meanings are paraphrased. `group` says where a code belongs: the emulator uses it to
 * decide which commands a forced scenario applies to.
 */
export type ErrCodeGroup =
  /** Any command: terminal, access and format problems. */
  | 'request'
  /** Authorization of a payment or hold (Pay, Block, Add's hold, hosted page, wallets). */
  | 'payment'
  /** Completion of 3-D Secure (Pay3DS, Block3DS, PaySubmit3DS, AddSubmit3DS). */
  | '3ds'
  /** Charge and Unblock of a hold. */
  | 'capture'
  | 'refund'
  /** eWallet customers. */
  | 'customer'
  /** eWallet cards. */
  | 'card'
  /** Order lookups and states. */
  | 'status';

export interface ErrCodeInfo {
  code: string;
  meaning: string;
  group: ErrCodeGroup;
  /** A technical failure (order state `Error`) rather than a decline (`Rejected`). */
  technical?: boolean;
}

const c = (code: string, group: ErrCodeGroup, meaning: string, technical = false): ErrCodeInfo => ({ code, group, meaning, ...(technical ? { technical } : {}) });

export const ERR_CODES: readonly ErrCodeInfo[] = [
  c('NONE', 'status', 'No error; with Success="False" the operation is not finished yet (PayStatus before payment)'),
  c('ACCESS_DENIED', 'request', 'Operation forbidden for this terminal or these credentials (missing or wrong Key, VWID or Password)'),
  c('AMOUNT_ERROR', 'status', 'Bad amount, or more than allowed (charge above the hold, refund above the remainder, missing Amount)'),
  c('AMOUNT_EXCEED', 'payment', 'Insufficient funds on the card'),
  c('AMOUNT_EXCEED_BALANCE', 'payment', 'Insufficient balance'),
  c('API_NOT_ALLOWED', 'request', 'API use not allowed from this IP address'),
  c('AUTHENTICATION_ERROR', 'payment', 'Authentication error'),
  c('AUTHORIZATION_TIMEOUT', 'payment', 'Authorization timed out', true),
  c('CANCELED_BY_CLIENT', 'payment', 'The customer cancelled the payment'),
  c('CARD_EXPIRED', 'payment', 'Expiry date passed, invalid or missing'),
  c('CARD_NOT_FOUND', 'card', 'No card with this CardId'),
  c('COMMUNICATE_ERROR', 'payment', 'Communication error towards the card network', true),
  c('CURRENCY_NOT_ALLOWED', 'request', 'Currency not permitted for the merchant'),
  c('CUSTOMER_NOT_FOUND', 'customer', 'Customer not found'),
  c('DUPLICATE_CARD', 'card', 'The card is already stored for this customer'),
  c('DUPLICATE_CUSTOMER', 'customer', 'Customer already registered'),
  c('DUPLICATE_USER', 'customer', 'Customer already registered (name returned by the 2014 sandbox)'),
  c('DUPLICATE_ORDER_ID', 'status', 'OrderId already used'),
  c('DUPLICATE_PROCESSING_ORDER_ID', 'payment', 'The order id already exists at the processing center'),
  c('EMAIL_ERROR', 'customer', 'E-mail sending failed', true),
  c('EMPTY_RESPONSE', 'payment', 'Empty answer from processing', true),
  c('FORMAT_ERROR', 'request', 'Malformed data'),
  c('FRAUD_ERROR', 'payment', 'Rejected by anti-fraud rules'),
  c('FRAUD_ERROR_BIN_LIMIT', 'payment', 'Anti-fraud: BIN limit'),
  c('FRAUD_ERROR_BLACKLIST_AEROPORT', 'payment', 'Anti-fraud: airport blacklist'),
  c('FRAUD_ERROR_BLACKLIST_BANKCOUNTRY', 'payment', 'Anti-fraud: bank country blacklist'),
  c('FRAUD_ERROR_BLACKLIST_USERCOUNTRY', 'payment', 'Anti-fraud: customer country blacklist'),
  c('FRAUD_ERROR_CRITICAL_CARD', 'payment', 'Anti-fraud: card flagged'),
  c('FRAUD_ERROR_CRITICAL_CUSTOMER', 'payment', 'Anti-fraud: customer flagged'),
  c('FRAUD_ERROR_IP', 'payment', 'Anti-fraud: IP address flagged'),
  c('FRAUD_INTERNAL_ERROR', 'payment', 'Anti-fraud filter failure', true),
  c('GEO_CARD_RESTRICTION', 'payment', 'Restriction by the issuer country'),
  c('ILLEGAL_ORDER_STATE', 'status', 'Operation not allowed in the order\'s current state'),
  c('INSTALLMENT_NOT_ALLOWED', 'payment', 'Instalments not allowed for debit cards'),
  c('INTERNAL_ERROR', 'request', 'Gateway internal error', true),
  c('INVALID_FORMAT', 'request', 'Network-level format error'),
  c('INVALID_PAYTUREID', 'payment', 'Bad device fingerprint (PaytureId)'),
  c('INVALID_SIGNATURE', 'request', 'Bad request signature'),
  c('ISSUER_BLOCKED_CARD', 'payment', 'Issuer or account restriction; retry forbidden'),
  c('ISSUER_CARD_FAIL', 'payment', 'Issuer refused (e.g. no internet payments)'),
  c('ISSUER_FAIL', 'payment', 'Issuer declined or did not answer'),
  c('ISSUER_LIMIT_FAIL', 'payment', 'Issuer limits exceeded'),
  c('ISSUER_LIMIT_AMOUNT_FAIL', 'payment', 'Issuer amount limit exceeded'),
  c('ISSUER_LIMIT_COUNT_FAIL', 'payment', 'Issuer count limit exceeded'),
  c('ISSUER_TIMEOUT', 'payment', 'Issuer timeout', true),
  c('LIMIT_EXCHAUST', 'payment', 'Time or attempts for data entry exhausted (sic)'),
  c('MERCHANT_FORWARD', 'payment', 'Payment forwarded to another terminal'),
  c('MERCHANT_RESTRICTION', 'request', 'Merchant banned or limited by the acquirer or network'),
  c('MPI_CERTIFICATE_ERROR', '3ds', '3-D Secure MPI failure on the gateway side', true),
  c('MPI_RESPONSE_ERROR', '3ds', '3-D Secure MPI failure on the network side', true),
  c('NOT_ALLOWED', 'payment', 'Issuer refusal'),
  c('OPERATION_NOT_ALLOWED', 'request', 'Action forbidden'),
  c('ORDER_NOT_FOUND', 'status', 'Unknown OrderId'),
  c('ORDER_TIME_OUT', 'status', 'The payment session expired'),
  c('OTHER_ERROR', 'request', 'Catch-all error', true),
  c('PAYMENT_ENGINE_ERROR', 'request', 'Processing core interaction error', true),
  c('PROCESSING_ACCESS_DENIED', 'request', 'Access to processing denied'),
  c('PROCESSING_ERROR', 'payment', 'Generic processing, network or issuer error', true),
  c('PROCESSING_FRAUD_ERROR', 'payment', 'Processing rejected the payment as fraud'),
  c('PROCESSING_TIME_OUT', 'payment', 'Processing timeout', true),
  c('REAUTH_NOT_ALOWED', 'capture', 'The amount of the hold cannot be changed (sic)'),
  c('REFUND_NOT_ALOWED', 'refund', 'Refund not possible (sic)'),
  c('RETRY_LIMIT_EXCEEDED', 'refund', 'Too many refund attempts'),
  c('REFUSAL_BY_GATE', 'card', 'The gateway refused the operation'),
  c('THREE_DS_FAIL', '3ds', '3-D Secure service error', true),
  c('THREE_DS_ERROR', '3ds', 'Payment error after 3-D Secure'),
  c('THREE_DS_AUTH_ERROR', '3ds', '3-D Secure authentication error (PaRes not valid)'),
  c('THREE_DS_ATTEMPTS_FAIL', '3ds', '3-D Secure attempt failed'),
  c('THREE_DS_NOT_ATTEMPTED', '3ds', '3-D Secure not entered'),
  c('THREE_DS_NOTENROLLED', '3ds', 'Card not enrolled in 3-D Secure'),
  c('THREE_DS_TIME_OUT', '3ds', '3-D Secure timeout'),
  c('THREE_DS_USER_AUTH_FAIL', '3ds', 'Wrong 3-D Secure code entered'),
  c('UNKNOWN_STATE', 'request', 'Unknown transaction state', true),
  c('USER_NOT_FOUND', 'customer', 'Customer not found (older name)'),
  c('WRONG_AMOUNT', 'payment', 'Amount outside the allowed minimum or maximum'),
  c('WRONG_AUTHORIZATION_CODE', 'card', 'Bad authorization or activation code'),
  c('WRONG_AUTH_CODE', 'card', 'Bad authorization or activation code (other spelling)'),
  c('WRONG_CARD', 'payment', 'Card data wrong or card in the wrong state (e.g. not activated)'),
  c('WRONG_CARD_INFO', 'payment', 'Wrong card parameters'),
  c('WRONG_CARD_PAN', 'payment', 'Bad card number (other spelling)'),
  c('WRONG_PAN', 'payment', 'Bad or missing card number'),
  c('WRONG_CARDHOLDER', 'payment', 'Cardholder name not acceptable'),
  c('WRONG_CARDHOLDER_NAME', 'payment', 'Cardholder name not acceptable (other spelling)'),
  c('WRONG_CONFIRM_CODE', 'payment', 'Bad confirmation (SMS) code'),
  c('WRONG_CVV', 'payment', 'Bad or missing CVV2/CVC2'),
  c('WRONG_EXPIRE_DATE', 'payment', 'Bad expiry date'),
  c('WRONG_PARAMS', 'request', 'Wrong set or format of parameters'),
  c('WRONG_PAY_INFO', 'request', 'PayInfo missing or malformed'),
  c('WRONG_PHONE', 'customer', 'Bad phone number'),
  c('WRONG_USER_PARAMS', 'customer', 'No customer with these parameters (wrong password)'),
];

export type ErrCode = (typeof ERR_CODES)[number]['code'];

const BY_CODE = new Map(ERR_CODES.map((e) => [e.code, e]));

export const errCodeInfo = (code: string): ErrCodeInfo | undefined => BY_CODE.get(code);
