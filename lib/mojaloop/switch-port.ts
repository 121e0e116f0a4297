/**
 * Where the harness's switch takes an external Mojaloop participant's callbacks (127.0.0.1), unless
 * ILP_MOJALOOP_SWITCH_PORT says otherwise; the fleet moves it by the participant's port offset. A module of
 * its own so the report and the fleet can name it without loading the participant target.
 */
export const MOJALOOP_SWITCH_PORT = 7830;
