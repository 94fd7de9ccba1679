import { describe, expect, it } from 'vitest';
import { caseProblems } from '../../emulators/conformance/case.ts';
import { compareAnswer, normaliseXml } from '../../emulators/conformance/compare.ts';
import { judge, type CaseOutcome } from '../../emulators/conformance/replay.ts';
import { endpointOf } from '../../emulators/conformance/report.ts';

const answer = (status: number, text: string, headers: Record<string, string> = {}) => ({ status, text, headers });
const paths = (ds: { path: string }[]) => ds.map((d) => d.path).sort();

describe('comparing an answer with a recording', () => {
  it('json: same key set and types at every level, first array elements, listed values', () => {
    const expect_ = { status: 201, format: 'json' as const, body: { id: 'a', amount: 10, card: { last4: '1111', legal: null }, list: [{ x: 1 }] }, values: ['card.last4'] };
    expect(compareAnswer(expect_, answer(201, JSON.stringify({ id: 'b', amount: 99, card: { last4: '1111', legal: null }, list: [{ x: 2 }] })))).toEqual([]);
    const ds = compareAnswer(expect_, answer(200, JSON.stringify({ id: 1, card: { last4: '4242', legal: 'CC', extra: true }, list: [{ y: 1 }] })));
    expect(paths(ds)).toEqual(['amount', 'card.extra', 'card.last4', 'card.legal', 'id', 'list.0.x', 'list.0.y', 'status']);
  });

  it('ignore drops a path or everything below it', () => {
    const e = { status: 200, format: 'json' as const, body: { a: 1, b: { c: 1, d: 2 } }, ignore: ['a', 'b.*'] };
    expect(compareAnswer(e, answer(200, '{"b":{"z":"x"}}'))).toEqual([]);
  });

  it('xml: root name, attributes with @, children as arrays, text ignored', () => {
    expect(normaliseXml('<?xml version="1.0"?><GetList Success="True"><Item CardId="1">t</Item><Item CardId="2"/></GetList>')).toEqual({
      GetList: { '@Success': 'True', Item: [{ '@CardId': '1' }, { '@CardId': '2' }] },
    });
    const e = { status: 200, format: 'xml' as const, body: '<Pay Success="True" OrderId="o" Amount="1"/>', values: ['Pay.@Success'] };
    expect(compareAnswer(e, answer(200, '<Pay Success="True" OrderId="x" Amount="5"/>'))).toEqual([]);
    expect(paths(compareAnswer(e, answer(200, '<Pay Success="False" OrderId="x" ErrCode="X"/>')))).toEqual(['Pay.@Amount', 'Pay.@ErrCode', 'Pay.@Success']);
    expect(paths(compareAnswer(e, answer(200, '<Block Success="True"/>')))).toEqual(['root']);
    expect(paths(compareAnswer(e, answer(200, 'not xml')))).toEqual(['body']);
  });

  it('form, text, empty and header prefixes', () => {
    expect(paths(compareAnswer({ status: 200, format: 'form', body: 'a=1&b=2', values: ['a'] }, answer(200, 'a=2&c=1')))).toEqual(['a', 'b', 'c']);
    expect(paths(compareAnswer({ status: 200, format: 'text', contains: ['Pago'] }, answer(200, '<html>nada</html>')))).toEqual(['text']);
    expect(paths(compareAnswer({ status: 204, format: 'empty' }, answer(204, 'x')))).toEqual(['body']);
    expect(paths(compareAnswer({ status: 200, headers: { 'Content-Type': 'text/xml' } }, answer(200, '', { 'content-type': 'application/json' })))).toEqual(['headers.content-type']);
    expect(compareAnswer({ status: 200, headers: { 'content-type': 'text/xml' } }, answer(200, '', { 'content-type': 'text/xml; charset=utf-8' }))).toEqual([]);
  });
});

describe('judging an outcome against deviations.json', () => {
  const outcome = (ps: string[]): CaseOutcome => ({ id: 'c', provider: 'p', differences: ps.map((path) => ({ path, message: 'x' })) });
  const dev = { reason: 'the 2014 sandbox answered an older shape', paths: ['Pay.@Amount'] };
  it('a match passes; a difference without a deviation fails', () => {
    expect(judge(outcome([])).ok).toBe(true);
    expect(judge(outcome(['status'])).ok).toBe(false);
  });
  it('a deviation passes only when exactly its paths differ, and fails once the case matches', () => {
    expect(judge(outcome(['Pay.@Amount']), dev).ok).toBe(true);
    expect(judge(outcome(['Pay.@Amount', 'status']), dev).message).toMatch(/beyond its deviation/);
    expect(judge(outcome(['status']), dev).ok).toBe(false);
    expect(judge(outcome([]), dev).message).toMatch(/matches the recording now/);
  });
});

describe('case files', () => {
  const good = { id: 'tpaga-x-1', provider: 'tpaga', title: 'a case', source: { ref: 'a/b:c', kind: 'docs' }, recorded: null, grade: 'docs', request: { method: 'GET', path: '/x' }, expect: { status: 200 } };
  it('are checked against the schema and their file name', () => {
    expect(caseProblems(good, '/c/tpaga-x-1.json')).toBeUndefined();
    expect(caseProblems(good, '/c/other.json')).toMatch(/not the file name/);
    expect(caseProblems({ ...good, grade: 'hearsay' })).toMatch(/grade/);
    expect(caseProblems({ ...good, request: { method: 'GET', path: 'x' } })).toMatch(/request.path/);
  });
  it('endpoints group paths without query, ids as :id', () => {
    expect(endpointOf({ request: { method: 'GET', path: '/api/customer/{{customerId}}/credit_card/8f7e6d5c4b3a2910aa?x=1' } })).toBe('GET /api/customer/:id/credit_card/:id');
    expect(endpointOf({ request: { method: 'POST', path: '/vwapi/Init?DATA=x' } })).toBe('POST /vwapi/Init');
  });
});
