/**
 * `load` runs on the first call and its promise is shared by every later call; a failed load is forgotten, so the
 * next call (the next Lambda invocation) tries again instead of failing forever.
 */
export const onceUntilFailure = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
};
