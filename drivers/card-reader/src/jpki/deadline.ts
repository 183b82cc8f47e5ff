/** The value an operation ends with when its deadline passes first; the operation itself runs on. */
export function withinDeadline<T>(operation: Promise<T>, ms: number, onExpiry: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => resolve(onExpiry()), ms);
    operation.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Waits for the promise at most `ms`; true if it settled in time. Never rejects. */
export async function settledWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return withinDeadline(
    promise.then(
      () => true,
      () => true,
    ),
    ms,
    () => false,
  );
}
