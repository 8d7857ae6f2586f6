export declare const BASELINE_HEADERS: Readonly<Record<string, string>>;
export declare const NON_PAGE_CSP: string;
export declare const STRICT_TRANSPORT_SECURITY: string;
