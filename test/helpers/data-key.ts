import { createTextSealer } from '../../src/storage/sealed-text';

/** A fixed data key for tests (base64 of 32 bytes); never a real installation's key. */
export const TEST_DATA_KEY = 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=';
export const OTHER_DATA_KEY = 'ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=';

export const testSealer = () => createTextSealer({ current: Buffer.from(TEST_DATA_KEY, 'base64') });
