import * as fs from "fs";
import * as path from "path";
import { Type } from "avsc";

/** The schema-check baseline: read every `.avsc` under DIR/schemas and parse it with avsc. */
const schemas = path.join(process.argv[2], "schemas");
let parsed = 0;
for (const subject of fs.readdirSync(schemas)) {
  for (const file of fs.readdirSync(path.join(schemas, subject))) {
    if (!file.endsWith(".avsc")) continue;
    Type.forSchema(JSON.parse(fs.readFileSync(path.join(schemas, subject, file), "utf8")));
    parsed++;
  }
}
process.stdout.write(`${parsed} schemas\n`);
