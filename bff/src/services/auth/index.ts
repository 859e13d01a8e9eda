// Identity: citizens (WeChat code2Session, dev login), staff (password, bound WeChat), the BFF's tokens.
export * from './deps';
export * from './tokens';
export * from './wechat';
export * from './citizens';
export * from './staff';
export * from './phone';
