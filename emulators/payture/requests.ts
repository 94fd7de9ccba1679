/**
 * The first steps of every Payture command: read the parameters (`params.ts`), register
 * the command for the error renderer, authenticate the way the family does (reference
 * §4), validate against `contracts/payture/<op>.request.json`, and apply a forced
 * scenario that only answers an error.
 *
 * The contract is the single description of the parameters: inner keys of `;`-lists are
 * matched case-insensitively to its property names, and a failure answers the ErrCode
 * its `x-errcode` / `x-errcode-missing` names. Properties are checked in the order the
 * schema declares them (Key, OrderId, Amount, PayInfo, PAN, EMonth, EYear, … as the
 * recorded sandbox did).
 */
import type { ErrCodeGroup } from '../../clients/payture/errcodes.ts';
import { schema as contractSchema, validate, type SchemaProblem } from '../../contracts/index.ts';
import type { PaytureScenario } from '../../scenarios/payture.ts';
import type { PasarelaContext } from '../kernel/types.ts';
import { echo, fail, setCommand } from './errors.ts';
import { readParams, type Params } from './params.ts';
import type { PaytureContext, PaytureMerchant } from './state.ts';
import type { Attrs, Template } from './xml.ts';

type Schema = Record<string, any>;

/** A request's parameters with `;`-lists decoded into objects under their contract names. */
export class PaytureRequest {
  constructor(
    readonly values: Record<string, string | Record<string, string>>,
    readonly params: Params,
  ) {}

  /** A top-level string parameter. */
  s(name: string): string | undefined {
    const v = this.values[name];
    return typeof v === 'string' ? v : undefined;
  }

  /** A decoded `;`-list (empty when absent). */
  l(name: string): Record<string, string> {
    const v = this.values[name];
    return typeof v === 'object' ? v : {};
  }

  /** A number parameter already checked by the contract (digits), top-level or in a list. */
  n(name: string, list?: string): number | undefined {
    const raw = list ? this.l(list)[name] : this.s(name);
    return raw === undefined || raw === '' ? undefined : Number(raw);
  }
}

export interface OpSpec {
  /** Contract name without `.request`, e.g. `api-pay`. */
  contract: string;
  root: string;
  template: Template;
  /** Terminal parameter: `Key`, `VWID`, or none (SessionId / MD flows). */
  auth: 'Key' | 'VWID' | 'none';
  /** Where the terminal password must be: a top-level `Password`, or inside `DATA`. */
  password?: 'top' | 'DATA';
  /** Attributes a failure echoes (OrderId, VWUserLgn…), from the request. */
  echo?: (r: PaytureRequest) => Attrs;
  /** Scenario groups that, when forced, only answer their ErrCode here (no state change). */
  plain: readonly (ErrCodeGroup | 'acs')[];
}

// ---- contract walking ------------------------------------------------------------

function deref(s: Schema, base: string): [Schema, string] {
  let node = s;
  let file = base;
  for (let guard = 0; typeof node?.$ref === 'string' && guard < 10; guard++) {
    const [target = '', pointer = ''] = (node.$ref as string).split('#');
    if (target) file = target.replace(/\.json$/, '');
    let found: Schema = contractSchema('payture', file);
    for (const seg of pointer.split('/').filter(Boolean)) found = found?.[seg];
    const { $ref: _ref, ...rest } = node;
    node = { ...found, ...rest };
  }
  return [node, file];
}

interface Walked {
  /** Resolved property schemas by dotted path ('' = root). */
  nodes: Map<string, Schema>;
  /** Dotted paths in declaration order (check order). */
  order: string[];
}

const walked = new Map<string, Walked>();

function walk(contract: string): Walked {
  let w = walked.get(contract);
  if (w) return w;
  w = { nodes: new Map(), order: [] };
  const visit = (s: Schema, base: string, path: string) => {
    const [node, file] = deref(s, base);
    w!.nodes.set(path, node);
    if (path) w!.order.push(path);
    for (const [name, child] of Object.entries((node.properties ?? {}) as Record<string, Schema>)) visit(child, file, path ? `${path}.${name}` : name);
  };
  const op = `${contract}.request`;
  visit(contractSchema('payture', op), op, '');
  walked.set(contract, w);
  return w;
}

/**
 * The canonical request object: top-level names and list keys spelled as the contract
 * spells them (clients send `Data`, `DATA`, `amount`, `ip`), aliases resolved.
 */
function canonical(contract: string, params: Params): Record<string, string | Record<string, string>> {
  const { nodes } = walk(contract);
  const root = nodes.get('')!;
  const properties = (root.properties ?? {}) as Record<string, Schema>;
  const known = (name: string, among: string[]) => among.find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
  // Null prototypes: parameter and list keys come from the client (`__proto__`, `constructor`).
  const out: Record<string, string | Record<string, string>> = Object.create(null);
  for (const name of params.names()) {
    const as = known(name, Object.keys(properties));
    if (!(as in out)) out[as] = params.get(name)!;
  }
  for (const [name, raw] of Object.entries(properties)) {
    const node = nodes.get(name) ?? raw;
    if (!node['x-list']) continue;
    const aliases = (node['x-aliases'] as string[] | undefined) ?? [];
    const spelled = [name, ...aliases].find((n) => params.get(n) !== undefined);
    if (!spelled) continue;
    for (const alias of aliases) delete out[alias];
    const keys = Object.keys((node.properties ?? {}) as object);
    const list: Record<string, string> = Object.create(null);
    for (const [key, value] of params.list(spelled)!.entries()) {
      const as = known(key, keys);
      if (!(as in list)) list[as] = value;
    }
    out[name] = list;
  }
  return out;
}

/** The ErrCode of the first problem, in the contract's check order. */
function firstProblem(contract: string, problems: SchemaProblem[]): { errCode: string; detail: string } {
  const { nodes, order } = walk(contract);
  const known = (path: string): string => {
    for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') if (nodes.has(p)) return p;
    return '';
  };
  const rank = (p: SchemaProblem) => {
    const i = order.indexOf(known(p.path));
    return i < 0 ? order.length : i;
  };
  const concrete = problems.filter((p) => !['if', 'then', 'allOf', 'anyOf', 'oneOf'].includes(p.keyword) || problems.length === 1);
  const first = [...concrete].sort((a, b) => rank(a) - rank(b))[0] ?? problems[0]!;
  let errCode: string | undefined;
  const exact = nodes.get(first.path);
  if (first.keyword === 'required' && exact?.['x-errcode-missing']) errCode = exact['x-errcode-missing'];
  for (let p = known(first.path); !errCode; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    errCode = nodes.get(p)?.['x-errcode'];
    if (!p) break;
  }
  return { errCode: errCode ?? 'WRONG_PARAMS', detail: `${first.path || 'request'} ${first.message}` };
}

// ---- the pipeline ----------------------------------------------------------------

/** Parse → authenticate → validate → forced plain error. Returns the request and the terminal. */
export async function begin(c: PasarelaContext, ctx: PaytureContext, spec: OpSpec): Promise<{ req: PaytureRequest; merchant: PaytureMerchant }> {
  const req = await parse(c, spec);
  const merchant = authenticate(c, ctx, spec, req);
  check(c, ctx, spec, req, merchant.key);
  return { req, merchant };
}

/** The same pipeline for commands without a terminal parameter (PaySubmit3DS, AddSubmit3DS). */
export async function beginPublic(c: PasarelaContext, ctx: PaytureContext, spec: OpSpec): Promise<PaytureRequest> {
  const req = await parse(c, spec);
  check(c, ctx, spec, req, undefined);
  return req;
}

async function parse(c: PasarelaContext, spec: OpSpec): Promise<PaytureRequest> {
  setCommand(c, spec.root, spec.template);
  const params = await readParams(c);
  const req = new PaytureRequest(canonical(spec.contract, params), params);
  if (spec.echo) echo(c, spec.echo(req));
  return req;
}

function authenticate(c: PasarelaContext, ctx: PaytureContext, spec: OpSpec, req: PaytureRequest): PaytureMerchant {
  const name = spec.auth === 'none' ? 'Key' : spec.auth;
  const id = req.s(name);
  if (!id) throw fail('ACCESS_DENIED', `${name} is missing`);
  const merchant = ctx.merchants.get(id);
  if (!merchant) throw fail('ACCESS_DENIED', `No terminal "${id}" in this sandbox (default: sandbox-merchant)`);
  c.set('merchant', merchant.key);
  if (spec.password) {
    const given = spec.password === 'top' ? req.s('Password') : req.l('DATA').Password;
    if (given === undefined || given === '') throw fail('ACCESS_DENIED', `Password is missing (${spec.password === 'top' ? 'top-level' : 'inside DATA'})`);
    if (given !== merchant.password) throw fail('ACCESS_DENIED', 'Password is wrong for this terminal');
  }
  return merchant;
}

function check(c: PasarelaContext, ctx: PaytureContext, spec: OpSpec, req: PaytureRequest, merchant: string | undefined): void {
  const result = validate('payture', `${spec.contract}.request`, req.values);
  if (!result.valid) {
    const { errCode, detail } = firstProblem(spec.contract, result.errors);
    throw fail(errCode, detail);
  }
  const forced = ctx.scenarios.resolve(c, { accept: (s) => spec.plain.includes((s as PaytureScenario).group) && !!(s as PaytureScenario).errCode, merchant });
  if (forced) throw fail((forced.scenario as PaytureScenario).errCode!, `Scenario ${forced.scenario.id}`);
}
