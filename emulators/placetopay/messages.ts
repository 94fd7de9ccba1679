/**
 * Texts of `status.message`, per language. The real service answers in the request's
 * `locale` (or the site's default); es and en are written here, other languages fall
 * back to English.
 */
import { REJECTION_REASONS } from '../../scenarios/placetopay.ts';

export type Lang = 'es' | 'en';
export type Text = Record<Lang, string>;

export function langOf(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith('es') ? 'es' : 'en';
}

/** A request locale the real API accepts (`es_CO`); anything else means "site default". */
export const isLocale = (v: unknown): v is string => typeof v === 'string' && /^[a-z]{2}_[A-Z]{2}$/.test(v);

export const SESSION_TEXT: Record<string, Text> = {
  'OK/PC': { en: 'The request has been processed successfully', es: 'La petición se ha procesado correctamente' },
  'OK/00': { en: 'The request has been processed successfully.', es: 'La petición se ha procesado correctamente.' },
  'PENDING/PC': { en: 'The request is active', es: 'La petición se encuentra activa' },
  'PENDING/PT': { en: 'The request is pending', es: 'La petición se encuentra pendiente' },
  'APPROVED/00': { en: 'The request has been successfully approved', es: 'La petición ha sido aprobada exitosamente' },
  'REJECTED/XN': { en: 'The request has been rejected', es: 'La petición ha sido rechazada' },
  // Query answers 2017 and 2026; "El proceso de pago ha sido cancelado…" is only in a 2016 notification.
  'REJECTED/?C': { en: 'The request has been cancelled by the user', es: 'La petición ha sido cancelada por el usuario' },
  'REJECTED/MC': { en: 'The request has been cancelled by the merchant', es: 'La petición ha sido cancelada por el comercio' },
  'REJECTED/EX': { en: 'The request has expired', es: 'La petición ha expirado' },
  'APPROVED_PARTIAL/P0': { en: 'The request has been partially approved', es: 'La petición está parcialmente aprobada' },
  'PARTIAL_EXPIRED/PX': {
    en: 'The request has been expired or cancelled and it contains payments',
    es: 'La petición ha expirado o fue cancelada y contiene pagos',
  },
  'OK/SUBSCRIPTION': { en: 'The subscription has been successful', es: 'La suscripción ha sido exitosa' },
};

/** Notifications keep the text of the one recorded buyer-cancel notification (PHP SDK fixture, 2016). */
export const NOTIFICATION_TEXT: Record<string, Text> = {
  ...SESSION_TEXT,
  'REJECTED/?C': { en: 'The payment process has been cancelled by the user', es: 'El proceso de pago ha sido cancelado por el usuario' },
};

export const TRANSACTION_TEXT: Record<string, Text> = {
  'APPROVED/00': { en: 'Approved', es: 'Aprobada' },
  'PENDING/?-': { en: 'Pending transaction, waiting for the processor', es: 'Transacción pendiente, en espera del procesador' },
  'PENDING_CONFIRMATION/PT': { en: 'Pending confirmation transaction', es: 'Transacción pendiente de confirmación' },
  'REJECTED/?C': { en: 'Cancelled by merchant', es: 'Cancelada por el comercio' },
  'FAILED/XH': { en: 'Internal error, the transaction could not be processed', es: 'Error interno, no fue posible procesar la transacción' },
  'FAILED/BR': { en: 'The request could not be processed', es: 'No fue posible procesar la solicitud' },
  ...Object.fromEntries(Object.entries(REJECTION_REASONS).map(([code, text]) => [`REJECTED/${code}`, text])),
};

export function statusText(table: Record<string, Text>, status: string, reason: string | number | null, lang: Lang): string {
  return table[`${status}/${reason}`]?.[lang] ?? table[`${status}/${reason}`]?.en ?? status;
}

/** Messages of FAILED answers. `{0}` is replaced by the argument. */
export const ERROR_TEXT = {
  auth: { en: 'Authentication failed {0}', es: 'Autenticación fallida {0}' },
  routeNotFound: { en: 'Page not found', es: 'Página no encontrada' },
  sessionNotFound: { en: 'The requested session does not exist', es: 'La sesión que busca no existe' },
  sessionNotFoundLegacy: { en: 'The session you are looking for does not exist', es: 'No existe la sesión que busca' },
  notPendingCancel: { en: 'Sessions that are not pending cannot be cancelled', es: 'Las sesiones que no están pendientes no pueden ser canceladas' },
  actionNotSupported: { en: 'The [{0}] action is not supported for this session', es: 'La acción [{0}] no está soportada para esta sesión' },
  actionNeedsPendingConfirmation: {
    en: 'The [{0}] action is only available for transactions in a pending confirmation state',
    es: 'La acción [{0}] solo está disponible para transacciones en estado pendiente de confirmación',
  },
  confirmationExpired: { en: 'The transaction has already expired', es: 'La transacción ya ha sido expirada' },
  transactionNotFound: { en: 'The transaction does not exist', es: 'La transacción no existe' },
  alreadyRefunded: { en: 'Transaction already refunded', es: 'La transacción ya ha sido reversada' },
  notRefundable: { en: 'Only approved transactions can be refunded', es: 'Solo las transacciones aprobadas pueden ser reversadas' },
  partialBeforeSettlement: {
    en: 'Partial refunds are not allowed before the transaction is settled',
    es: 'No se permiten reversos parciales antes de que la transacción sea liquidada',
  },
  refundTooLarge: { en: 'The amount exceeds the amount available to refund', es: 'El monto supera el valor disponible para reversar' },
  currencyMismatch: { en: 'The currency must be the same as the original transaction', es: 'La moneda debe ser la misma de la transacción original' },
  notHeld: { en: 'The transaction is not an active preauthorization', es: 'La transacción no es una preautorización activa' },
  invalidToken: { en: 'The token used is invalid', es: 'El token usado es inválido' },
  invalidReference: { en: 'Invalid reference, it must be from 1 to 32 characters', es: 'Referencia inválida, debe ser de 1 a 32 caracteres' },
  bodyTooLarge: { en: 'The request is too large', es: 'La petición es demasiado grande' },
  internal: { en: 'An internal error occurred, try again later', es: 'Ocurrió un error interno, intente más tarde' },
  unavailable: { en: 'The service is temporarily unavailable', es: 'El servicio no está disponible temporalmente' },
  unknownScenario: { en: '{0}', es: '{0}' },
  required: { en: 'The {0} field is required.', es: 'El campo {0} es obligatorio.' },
  type: { en: 'The {0} field must be of type {1}.', es: 'El campo {0} debe ser de tipo {1}.' },
  maxLength: { en: 'The {0} may not be greater than {1} characters.', es: 'El campo {0} no debe ser mayor a {1} caracteres.' },
  minLength: { en: 'The {0} must be at least {1} characters.', es: 'El campo {0} debe tener al menos {1} caracteres.' },
  format: { en: 'The {0} format is invalid.', es: 'El formato de {0} es inválido.' },
  enum: { en: 'The selected {0} is invalid.', es: 'El valor seleccionado de {0} es inválido.' },
  invalid: { en: 'The {0} is invalid.', es: 'El campo {0} es inválido.' },
  paymentOrSubscription: { en: 'A payment, a subscription or an autopay is required.', es: 'Se requiere un pago, una suscripción o un autopago.' },
  // The text of a 2020 sandbox answer (test.placetopay.com); reason and HTTP status follow the current API.
  expirationTooSoon: { en: 'The time to make the payment is too short', es: 'El tiempo para realizar el pago es muy poco' },
  partialWithRecurring: { en: 'Partial payments cannot be recurring.', es: 'Los pagos parciales no pueden ser recurrentes.' },
  partialWithTaxes: { en: 'Partial payments cannot have taxes.', es: 'Los pagos parciales no pueden tener impuestos.' },
  partialWithDispersion: { en: 'Partial payments cannot be dispersed.', es: 'Los pagos parciales no pueden tener dispersión.' },
  payerEmail: { en: 'The payer email may not be greater than 80 characters.', es: 'El correo del pagador no debe ser mayor a 80 caracteres.' },
  payerCardNumber: { en: 'The payer name cannot contain a card number.', es: 'El nombre del pagador no puede contener un número de tarjeta.' },
  maxDispersion: { en: 'The number of dispersions exceeds the allowed maximum ({0}).', es: 'La cantidad de dispersiones supera el máximo permitido ({0}).' },
  dispersionTotal: { en: 'The dispersion amounts must add up to the payment total.', es: 'La suma de las dispersiones debe ser igual al total del pago.' },
  dispersionAgreement: { en: 'The dispersion agreement must be numeric.', es: 'El convenio de la dispersión debe ser numérico.' },
  currency: { en: 'The currency {0} is not supported.', es: 'La moneda {0} no está soportada.' },
  confirmationNotAllowed: { en: 'The site is not enabled for the confirmation flow.', es: 'El sitio no está habilitado para el flujo de confirmación.' },
  checkinNotAllowed: { en: 'Preauthorizations cannot be dispersed or partial.', es: 'Las preautorizaciones no pueden tener dispersión ni ser parciales.' },
} satisfies Record<string, Text>;

export type ErrorKey = keyof typeof ERROR_TEXT;

export function errorText(key: ErrorKey, lang: Lang, ...args: (string | number)[]): string {
  return args.reduce<string>((text, arg, i) => text.replace(`{${i}}`, String(arg)), ERROR_TEXT[key][lang]);
}
