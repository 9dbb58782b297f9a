// Every test file gets its own module registry, so a file that imports nock gets its own copy,
// which patches Node's shared http module. Restoring it after the file keeps one file's
// interceptors (and its disableNetConnect) from answering the next file's requests.
import nock from "nock";

afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  nock.restore();
});
