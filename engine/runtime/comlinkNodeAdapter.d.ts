// comlink ships types for its Node adapter only next to the UMD build; the ESM file we
// import (the one bundlers and Node's ESM loader take) has the same API.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  export { default } from 'comlink/dist/umd/node-adapter';
}
