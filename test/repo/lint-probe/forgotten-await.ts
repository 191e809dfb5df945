// A probe for test/repo/async-lint.test.ts (never imported): each line below is a mistake the async storage
// ports make easy, and the lint configuration must reject every one of them.
interface Store {
  save(value: string): Promise<void>;
  has(value: string): Promise<boolean>;
}

export function forgotten(store: Store): void {
  store.save('lost if it fails');
}

export function misusedCondition(store: Store): string {
  if (store.has('x')) return 'always true: a promise is truthy';
  return 'never';
}

export function misusedCallback(store: Store, values: string[]): void {
  values.forEach(async (v) => store.save(v));
}
