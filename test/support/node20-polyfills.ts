// nock 15 (through @mswjs/interceptors) calls Promise.withResolvers, which arrived with Node 22;
// the package supports Node 20, so the test runtime provides it for every test file.
const promiseStatics = Promise as unknown as { withResolvers?: () => unknown };
promiseStatics.withResolvers ??= () => {
  let resolve!: (value: unknown) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};
export {};
