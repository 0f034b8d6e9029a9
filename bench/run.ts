// `deno task bench`: runs every bench/*_bench.ts script in turn, each in its own process
// (so that one benchmark's threads, timers and signal dispositions cannot disturb
// another), and prints their tables. Pass names to run only some: `deno task bench socket`.

const here = new URL("./", import.meta.url);
const wanted = Deno.args;
const scripts = [...Deno.readDirSync(here)]
  .map((e) => e.name)
  .filter((n) => n.endsWith("_bench.ts"))
  .filter((n) => wanted.length === 0 || wanted.some((w) => n.startsWith(w)))
  .sort();

let failed = 0;
for (const name of scripts) {
  console.log(`\n## ${name}\n`);
  const { code } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", new URL(name, here).pathname],
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (code !== 0) {
    console.log(`(${name} exited ${code})`);
    failed++;
  }
}
if (failed > 0) Deno.exit(1);
