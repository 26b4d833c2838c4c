// Tests run lib code directly in Node; the real "server-only" only guards client bundles.
export {};
