/** Cross-ledger words: `{ledger name}` is A (the ledger under test) or B (the second, reference ledger). */
import { defineParameterType } from '@cucumber/cucumber';

defineParameterType({
  name: 'ledger name',
  regexp: /A|B/,
  transformer: (name: string) => name as 'A' | 'B',
});
