export * from './departments';
export * from './service-items';
export * from './halls';
export * from './policies';
export * from './qr-codes';
export * from './search';
