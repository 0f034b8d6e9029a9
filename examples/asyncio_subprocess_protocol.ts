// 18.5.6.7.1 Subprocess using transport and protocol: get the output of a child (here a
// child Deno, as Python's example runs a child Python) through a SubprocessProtocol.
//   deno run -A examples/asyncio_subprocess_protocol.ts
// As in Python's later docs, the protocol waits for both processExited() and the stdout
// pipe's end: the child may exit before its last output has been read.
import {
  type AbstractEventLoop,
  type Future,
  getEventLoop,
  SubprocessProtocol,
} from "@ipcnet/std/asyncio";

class DateProtocol extends SubprocessProtocol {
  output: Uint8Array[] = [];
  #pipeClosed = false;
  #exited = false;

  constructor(readonly exitFuture: Future<boolean>) {
    super();
  }

  override pipeDataReceived(_fd: number, data: Uint8Array): void {
    this.output.push(data);
  }

  override pipeConnectionLost(_fd: number, _exc: unknown): void {
    this.#pipeClosed = true;
    this.#checkForExit();
  }

  override processExited(): void {
    this.#exited = true;
    this.#checkForExit();
  }

  #checkForExit(): void {
    if (this.#pipeClosed && this.#exited) this.exitFuture.setResult(true);
  }
}

async function getDate(loop: AbstractEventLoop): Promise<string> {
  const code = "console.log(new Date().toISOString().replace('T', ' ').replace('Z', ''))";
  const exitFuture = loop.createFuture<boolean>();

  // Create the subprocess controlled by the protocol DateProtocol,
  // redirect the standard output into a pipe
  const [transport, protocol] = await loop.subprocessExec(
    () => new DateProtocol(exitFuture),
    Deno.execPath(),
    "eval",
    code,
    { stdin: null, stderr: null },
  );

  // Wait for the subprocess exit using the processExited() method of the protocol
  await exitFuture;

  // Close the stdout pipe
  transport.close();

  // Read the output which was collected by the pipeDataReceived() method of the protocol
  const data = new TextDecoder().decode(await new Blob(protocol.output as BlobPart[]).bytes());
  return data.trimEnd();
}

const loop = getEventLoop();
const date = await loop.runUntilComplete(() => getDate(loop));
console.log(`Current date: ${date}`);
loop.close();
