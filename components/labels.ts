import type { FindingStatus } from '../utils/db/types';
import type { Severity } from '../utils/scan/types';
export { SEVERITY_LABEL } from '../utils/scan/types';

export const STATUS_LABEL: Record<FindingStatus, string> = {
  open: '待确认',
  confirmed: '已确认',
  dismissed: '已排除',
  fixed: '已整改',
};

export const SEVERITY_ORDER: Severity[] = ['veto', 'deduct', 'hint'];

export const SEVERITY_COLOR: Record<Severity, string> = {
  veto: '#c62828',
  deduct: '#ef6c00',
  hint: '#1565c0',
};

/** A finding's evidence as one Chinese line (utils/scan/evidence.ts is the one formatter). */
export { findingEvidence } from '../utils/scan/evidence';
