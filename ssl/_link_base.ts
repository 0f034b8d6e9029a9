// What a TLS link of either engine (DenoLink in _deno_link.ts, NodeLink in _node_link.ts)
// reports about its handshake: the promise, and whether it is done, settled and verified.
// Each engine starts its handshake in its constructor and hands the promise to `track`.

export class LinkBase {
  #handshake: Promise<void> = Promise.resolve();
  #done = false;
  #failed = false;
  #verified = false;

  /** Resolves when the handshake is done (and verified); rejects with an SSLError. */
  handshake(): Promise<void> {
    return this.#handshake;
  }

  /** Whether the handshake completed. */
  get done(): boolean {
    return this.#done;
  }

  /** Whether the handshake finished, one way or the other. */
  get settled(): boolean {
    return this.#done || this.#failed;
  }

  /** Whether the peer's certificate was verified (getpeercert gives a dict, else {}). */
  get verified(): boolean {
    return this.#verified;
  }

  /** Takes the engine's handshake; a failure nobody awaited is not an unhandled rejection. */
  protected track(handshake: Promise<void>): void {
    this.#handshake = handshake;
    handshake.catch(() => {
      this.#failed = true;
    });
  }

  /** Records that the handshake completed. */
  protected succeeded(): void {
    this.#done = true;
  }

  /** Records that the peer's certificate was verified. */
  protected markVerified(): void {
    this.#verified = true;
  }
}
