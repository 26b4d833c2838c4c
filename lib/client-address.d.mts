export declare const CLIENT_ADDRESS_HEADER: string;
export declare function trustedProxyHops(env?: NodeJS.ProcessEnv): number;
export declare function clientAddress(input: { forwardedFor?: string | null; socketAddress?: string | null; hops: number }): string;
