import { faultCases } from './faults.cases.ts';

faultCases('http');
