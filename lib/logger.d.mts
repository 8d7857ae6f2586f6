import type { Logger } from "pino";

export declare const logger: Logger;
export declare const REQUEST_ID_HEADER: string;
