// The ids of the admins' staff pages: 人员管理 and the clerk's own password reset.
import { button, el, form, input, select } from './element-id.js';

/** Rendered by staff-page.tsx. */
export const STAFF_PAGE = {
  staffMsg: el('staff-msg'),
  staffOrg: select('staff-org'),
  staffBody: el('staff-body'),
  manage: el('staff-manage'),
  localBody: el('staff-local-body'),
  createForm: form('staff-create-form'),
  createAccount: input('staff-create-account'),
  createName: input('staff-create-name'),
  createOrg: select('staff-create-org'),
  createRole: (role: string) => input(`staff-create-role-${role}`),
  createPhone: input('staff-create-phone'),
  createPassword: input('staff-create-password'),
  editCard: el('staff-edit'),
  editTitle: el('staff-edit-title'),
  editOrg: select('staff-edit-org'),
  editMove: button('staff-edit-move'),
  editRole: (role: string) => input(`staff-edit-role-${role}`),
  editRoles: button('staff-edit-roles'),
  editPhone: input('staff-edit-phone'),
  editSavePhone: button('staff-edit-phone-save'),
  editDisable: button('staff-edit-disable'),
  editEnable: button('staff-edit-enable'),
  editReset: button('staff-edit-reset'),
  editHistory: el('staff-edit-history'),
} as const;

/** Rendered by staff-password-page.tsx. */
export const STAFF_PASSWORD_PAGE = {
  form: form('staff-password-form'),
  account: input('staff-password-account'),
  code: input('staff-password-code'),
  password: input('staff-password-new'),
  msg: el('staff-password-msg'),
} as const;
