export declare const PASSWORD_MIN_LENGTH: number;
export declare const PASSWORD_MAX_LENGTH: number;
export declare const MIN_STRENGTH_SCORE: number;
export type PasswordOwner = { email?: string | null; name?: string | null };
export declare function personalWords(person?: PasswordOwner): string[];
export declare function passwordProblem(password: string, person?: PasswordOwner): string | null;
export declare function adminPasswordProblem(env?: Record<string, string | undefined>): string | null;
