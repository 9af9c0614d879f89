/** What each role may do, as the API's role matrix grants it; the console shows only that. */
export type Role = 'VIEWER' | 'OPERATOR' | 'ADMIN' | 'AUDITOR';

export interface Me {
  readonly tenantId: string;
  readonly role: Role;
  readonly actor: string;
}

export const can = {
  readBmcs: (r: Role) => r !== 'AUDITOR',
  act: (r: Role) => r === 'OPERATOR' || r === 'ADMIN',
  clearSel: (r: Role) => r === 'ADMIN',
  readAudit: (r: Role) => r === 'AUDITOR' || r === 'ADMIN',
  manageKeys: (r: Role) => r === 'ADMIN',
};
