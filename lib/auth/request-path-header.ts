/** The header proxy.ts sets with the requested path, so sign-in can return to it. */
export const REQUEST_PATH_HEADER = "x-atlas-path";
