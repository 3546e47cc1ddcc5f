// bun test preload: turn on costly invariant checks for every test run.
import { setInvariants } from "../../src/util/assert.ts";
setInvariants(true);
