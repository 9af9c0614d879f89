import type { ControlPlaneStacks } from './control-plane.ts';

export function acknowledgeNagFindings(_stacks: ControlPlaneStacks): void {}
