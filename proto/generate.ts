// Regenerates proto/gen/ from proto/hbase/*.proto with buf (compiler) and protoc-gen-es
// (TypeScript), both from npm: no system protoc. Run: `npm run proto:generate`.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
rmSync(join(here, "gen"), { recursive: true, force: true });
execFileSync(join(here, "..", "node_modules", ".bin", "buf"), ["generate"], { cwd: here, stdio: "inherit" });
