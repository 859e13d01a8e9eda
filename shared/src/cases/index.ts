// Citizen messages (诉求): types, the state machine and deadline arithmetic. zod only.
export * from './types';
export * from './state-machine';
export * from './deadlines';
