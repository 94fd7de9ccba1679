/**
 * What each catalog scenario changes, in words a merchant developer checks against: the
 * transaction's outcome, the state of the session / order / charge as a whole after it, and
 * whether the merchant gets a notification. Derived from each catalog's own effect fields, so
 * it follows the emulator; shown by `pasarela scenarios` (text, JSON, Markdown) and
 * `GET /__admin/scenarios`.
 */
import type { Scenario, ScenarioChanges } from './kernel/types.ts';
import type { PaytureScenario, StepEffect } from '../scenarios/payture.ts';
import type { PlacetoPayScenario } from '../scenarios/placetopay.ts';
import type { PuntoPagosScenario } from '../scenarios/puntopagos.ts';
import type { TpagaScenario } from '../scenarios/tpaga.ts';
import { ERR_CODES } from '../clients/payture/errcodes.ts';

const changes = (transaction: string, state: string, notification: string): ScenarioChanges => ({ transaction, state, notification });

const RETRY = 'session stays PENDING (the buyer may retry; REJECTED once the site’s attempts limit is reached)';

function placetopay(s: PlacetoPayScenario): ScenarioChanges | undefined {
  if (s.stage === 'request') return changes('none (the API call answers HTTP 401)', 'unchanged', 'no');
  if (s.stage === 'confirm') return changes(`${s.outcome.status} ${s.outcome.reason} (the confirmation fails)`, 'stays PENDING_CONFIRMATION until its window ends', 'no');
  if (s.stage === 'session') return changes('none', `session ${s.outcome.status} ${s.outcome.reason}`, 'yes');
  const e = s.effect;
  if (!e) return undefined;
  switch (e.kind) {
    case 'approve':
      return changes('APPROVED 00', 'session APPROVED', 'yes');
    case 'reject':
      return changes(`REJECTED ${e.reason}`, RETRY, 'no');
    case 'exception':
      return changes('FAILED XH', RETRY, 'no');
    case 'pending': {
      const when = e.manual ? 'after a manual review (inspector or `complete`)' : `after ${e.afterSeconds ?? 300} s of virtual time`;
      return e.then === 'APPROVED'
        ? changes(`PENDING ?-, then APPROVED ${when}`, 'session PENDING, then APPROVED', 'yes, when it is approved')
        : changes(`PENDING ?-, then REJECTED ${when}`, 'session stays PENDING', 'no');
    }
    case 'approve-below':
      return changes(`APPROVED 00 below ${e.usd} USD, else REJECTED 61`, `session APPROVED below ${e.usd} USD, else stays PENDING`, 'yes when approved, else no');
    case 'approve-with':
      return changes(`APPROVED 00 with expiry ${e.expiry} and CVV ${e.cvv}, else REJECTED 05`, 'session APPROVED when approved, else stays PENDING', 'yes when approved, else no');
  }
}

const PP_NOTIFIED = new Set(['00', '1', '2', '7', '11']);

function puntopagos(s: PuntoPagosScenario): ScenarioChanges | undefined {
  const respuesta = String(s.outcome.respuesta);
  if (s.stage === 'request') return changes(`none (${(s.operations ?? []).join(' and ')} answer respuesta ${respuesta})`, 'unchanged', 'no');
  if (!s.state) return undefined;
  return changes(`${s.state}, status respuesta ${respuesta}`, s.state === 'CREATED' ? 'not paid (status 6); the buyer is sent to the failure URL' : `transaction ${s.state}`, PP_NOTIFIED.has(respuesta) ? 'yes' : 'no');
}

function tpaga(s: TpagaScenario): ScenarioChanges | undefined {
  const e = s.effect;
  switch (e.kind) {
    case 'approve':
      return changes('charge authorized (201, errorCode 00)', 'paid', 'none: Tpaga sends no notifications');
    case 'decline':
      return changes(
        `charge ${e.status} (402, errorCode ${JSON.stringify(e.errorCode)})`,
        e.status === 'created' ? 'unknown: treat as pending and reconcile with GET charge' : 'not paid',
        'none: Tpaga sends no notifications',
      );
    case 'gateway':
      return changes(`HTTP ${e.httpStatus} (HTML)`, e.charged ? 'charged (authorized) although the answer failed: reconcile' : 'not charged', 'none: Tpaga sends no notifications');
  }
}

const technical = new Set(ERR_CODES.filter((c) => c.technical).map((c) => c.code));

function paytureStep(e: StepEffect | undefined): ScenarioChanges {
  switch (e?.kind) {
    case undefined:
    case 'approve':
      return changes('Success="True"', 'order Charged (Pay) or Authorized (Block)', 'yes (EnginePaySuccess / EngineBlockSuccess)');
    case 'slow':
      return changes('Success="True", answered after 40 s', 'order Charged (Pay) or Authorized (Block)', 'yes (Engine…Success)');
    case '3ds':
      return changes(
        `Success="3DS"${e.then ? `, then ${e.then} after the ACS` : ''}`,
        `order PreAuthorized3DS until the ACS page; then ${e.then ? 'Rejected' : 'Charged / Authorized'}`,
        'yes, once 3-D Secure is completed',
      );
    case 'decline':
      return changes(`Success="False" ${e.errCode}`, `order ${technical.has(e.errCode) ? 'Error' : 'Rejected'}`, 'yes (EnginePayFail / EngineBlockFail)');
    case 'decline-above':
      return changes(`Success="True" up to ${e.limit} kopecks, else ${e.errCode}`, 'order Charged / Authorized, else Rejected', 'yes (Engine…Success or …Fail)');
  }
}

function payture(s: PaytureScenario): ScenarioChanges | undefined {
  if (s.group === 'acs') return changes(`3-D Secure completion ${s.outcome.Success === 'True' ? 'succeeds' : `fails (${String(s.outcome.ErrCode)})`}`, s.outcome.Success === 'True' ? 'order Charged / Authorized' : 'order Rejected', 'yes (Engine…Success or …Fail)');
  if (s.steps) {
    const [step, effect] = (Object.entries(s.steps) as [string, StepEffect][])[0] ?? ['authorize', undefined];
    const base = paytureStep(effect);
    return step === 'authorize' || step === 'add' ? base : changes(`${step}: ${base.transaction}`, effect?.kind === 'decline' ? `order keeps its state (the ${step} is refused)` : base.state, `yes (Engine${step[0]!.toUpperCase()}${step.slice(1)}${effect?.kind === 'decline' ? 'Fail' : 'Success'})`);
  }
  const code = s.errCode ?? String(s.outcome.ErrCode ?? '');
  switch (s.group) {
    case 'payment':
      return changes(`Success="False" ${code}`, `order ${technical.has(code) ? 'Error' : 'Rejected'}`, 'yes (EnginePayFail / EngineBlockFail)');
    case '3ds':
      return changes(`3-D Secure completion fails ${code}`, 'order Rejected', 'yes (Engine…Fail)');
    case 'capture':
    case 'refund':
      return changes(`Success="False" ${code}`, `order keeps its state (the ${s.group} is refused)`, 'yes (Engine…Fail)');
    default:
      return changes(`Success="False" ${code}`, 'unchanged (the command is refused)', 'no');
  }
}

/** The changes of one scenario of a provider, or undefined when the catalog does not say. */
export function scenarioChanges(provider: string, s: Scenario): ScenarioChanges | undefined {
  if (s.changes) return s.changes;
  switch (provider) {
    case 'placetopay':
      return placetopay(s as PlacetoPayScenario);
    case 'puntopagos':
      return puntopagos(s as PuntoPagosScenario);
    case 'tpaga':
      return tpaga(s as TpagaScenario);
    case 'payture':
      return payture(s as PaytureScenario);
    default:
      return undefined;
  }
}
