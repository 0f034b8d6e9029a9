// A temporary directory removed with everything in it when disposed.

/** A temporary directory for one test; `await using dir = await tempDir()`. */
export interface TempDir extends AsyncDisposable {
  /** Absolute path of the directory. */
  readonly path: string;
  /** Absolute path of `name` inside the directory. */
  join(name: string): string;
}

/** Makes a fresh temporary directory, removed recursively on dispose. */
export async function tempDir(prefix = "ipcnet-"): Promise<TempDir> {
  const path = await Deno.makeTempDir({ prefix });
  return {
    path,
    join: (name: string) => `${path}/${name}`,
    [Symbol.asyncDispose]: () => Deno.remove(path, { recursive: true }),
  };
}
