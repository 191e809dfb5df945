// A probe for test/repo/async-lint.test.ts (never imported): each mistake below is one the async storage
// ports make easy, and the lint configuration must reject every one of them.
interface Store {
  save(value: string): Promise<void>;
}

export function forgotten(store: Store): void {
  store.save('lost if it fails');
}

export function handlerExpectingVoid(store: Store): { onEvent: () => void } {
  return { onEvent: async () => store.save('its failure is unhandled') };
}

export function misusedCallback(store: Store, values: string[]): void {
  values.forEach(async (v) => store.save(v));
}
