// docs/integration.md as a reader runs it: its TypeScript snippets, in order and as printed, in
// one script against the localnet and its oracle; its Rust snippets must still be excerpts of
// the files they name (code the suite compiles and runs).
import { expect } from "chai";
import { execFileSync } from "child_process";
import { readFileSync, writeFileSync } from "fs";
import path from "path";
import { MODEL } from "./env";

const repo = path.join(__dirname, "..", "..", "..");
const guide = readFileSync(path.join(repo, "docs", "integration.md"), "utf8");

/** The fenced blocks of `lang`, each with the excerpt marker just above it, if any. */
function blocks(lang: string): { code: string; excerptOf?: string }[] {
  const found: { code: string; excerptOf?: string }[] = [];
  const fence = new RegExp("(?:<!-- excerpt: (\\S+) -->\\n)?```" + lang + "\\n([\\s\\S]*?)```", "g");
  for (const match of guide.matchAll(fence)) found.push({ code: match[2], excerptOf: match[1] });
  return found;
}

describe("docs/integration.md", () => {
  it("its TypeScript snippets run as printed, in order, against the localnet", () => {
    const snippets = blocks("ts").map((b) => b.code);
    expect(snippets.length).to.be.greaterThan(4);
    const lines = snippets.join("\n").split("\n");
    // One script: the imports first, the rest in an async function (the snippets use await).
    const imports = lines.filter((line) => line.startsWith("import "));
    const body = lines.filter((line) => !line.startsWith("import "));
    const script = [
      ...imports,
      "(async () => {",
      ...body,
      "})().catch((err) => { console.error(err); process.exit(1); });",
    ].join("\n");
    const file = path.join(__dirname, ".docs-snippets.ts");
    writeFileSync(file, script);
    const output = execFileSync("npx", ["ts-node", "--transpile-only", "-P", path.join(__dirname, "tsconfig.json"), file], {
      cwd: repo,
      env: { ...process.env, MODEL: MODEL.toBase58() },
      encoding: "utf8",
    });
    expect(output).to.match(/price 1000000 lamports, rent \d+ lamports \(returned on close\)/);
    expect(output).to.match(/request \w+ created: \d+ lamports paid/);
    expect(output).to.match(/(fulfilled|settled): score 0\.\d+/);
    expect(output).to.match(/posted by requestFulfilled in \w+/);
    expect(output).to.match(/settled; closed: balance \d+ -> \d+ lamports/);
    expect(output).to.match(/refused: PriceAboveMax \(\d+\): /);
  });

  it("its Rust and TOML snippets are excerpts of the files they name", () => {
    const excerpts = [...blocks("rust"), ...blocks("toml")].filter((b) => b.excerptOf);
    expect(excerpts.length).to.be.greaterThan(4);
    for (const { code, excerptOf } of excerpts) {
      const source = readFileSync(path.join(repo, excerptOf!), "utf8");
      expect(source.includes(code), `the snippet from ${excerptOf} is no longer in it:\n${code}`).to.equal(true);
    }
  });
});
