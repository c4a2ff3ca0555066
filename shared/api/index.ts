export * from './errors';
export * from './contract';
export * from './identity-model';
export * from './identity';
export * from './pending';
export * from './capabilities';
