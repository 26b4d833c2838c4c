export declare const DEFAULT_DATABASE_URL: string;
export declare function databaseUrl(env?: NodeJS.ProcessEnv): string;
export declare function isPostgresUrl(url: string): boolean;
export declare function parsePostgresUrl(url: string): { connectionString: string; schema: string | undefined };
export declare function sqliteFilePath(url: string): string;
