// Where a user's and a pseud's pages live. Logins and pseud names are percent-encoded in paths.

const seg = encodeURIComponent;

export const userPath = (login: string) => `/users/${seg(login)}`;
export const userWorksPath = (login: string) => `${userPath(login)}/works`;
export const pseudsPath = (login: string) => `${userPath(login)}/pseuds`;
export const newPseudPath = (login: string) => `${pseudsPath(login)}/new`;
export const pseudPath = (login: string, pseud: string) => `${pseudsPath(login)}/${seg(pseud)}`;
export const editPseudPath = (login: string, pseud: string) => `${pseudPath(login, pseud)}/edit`;
export const defaultPseudPath = (login: string, pseud: string) => `${pseudPath(login, pseud)}/default`;
