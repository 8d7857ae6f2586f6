export declare const UNREADABLE_ROUTER_STATE_MESSAGE: string;
export declare function isUnreadableRouterState(header: string | string[] | undefined): boolean;
