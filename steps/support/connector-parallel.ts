/**
 * Scenarios tagged `@uses:lena` move lena's balance at the connector (she may owe at most 5000), so two of
 * them in flight at once would see each other's reservations. Against the bundled reference every worker
 * has its own connector, but an external connector is shared by all workers: with --parallel, cucumber
 * never runs two such scenarios at the same time. (cucumber-js allows one assignment rule per run; a
 * future resource tag belongs in this list.)
 */
import { setParallelCanAssign, parallelCanAssignHelpers } from '@cucumber/cucumber';

export const EXCLUSIVE_RESOURCE_TAGS = ['@uses:lena'];

setParallelCanAssign(parallelCanAssignHelpers.atMostOnePicklePerTag(EXCLUSIVE_RESOURCE_TAGS));
