import type { ReminderTopic } from '@zw/shared';
/**
 * What the app needs from the outside world, as interfaces. The Node entry
 * passes real implementations (node/…); tests pass the same real ones, pointed
 * at temporary folders and local HTTP servers that follow WeChat's contracts.
 * Keeping them here keeps app.ts free of Node-only APIs.
 */

/** A slow password hash (scrypt in Node). */
export type PasswordHasher = {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
};

/** Where uploaded photos live (a local folder by default). Keys are opaque. */
export type FileStorage = {
  put(key: string, bytes: Uint8Array, mime: string): Promise<void>;
  get(key: string): Promise<{ bytes: Uint8Array; mime: string } | null>;
  /** Removes the file; a key that is already gone is not an error. */
  delete(key: string): Promise<void>;
};

/** Checks an image by its content and re-encodes it without metadata (EXIF/GPS). */
export type ImageProcessor = {
  normalise(
    bytes: Uint8Array,
  ): Promise<{ bytes: Uint8Array; mime: 'image/jpeg' | 'image/png' | 'image/webp'; width: number; height: number }>;
};

/**
 * Symmetric crypto with the app's keys: phones at rest (AES-256-GCM, `v1.<iv>.<ct+tag>`
 * base64) and HMAC-SHA256 (base64url). The Node entry uses node:crypto, which answers
 * synchronously; WebCrypto (services/cases/secrets.ts#webCipher) gives the same
 * bytes on any other runtime but costs a thread-pool round trip per call in Node.
 */
export type Cipher = {
  encrypt(key: Uint8Array, text: string): Promise<string>;
  decrypt(key: Uint8Array, stored: string): Promise<string>;
  hmac(key: Uint8Array | string, message: string): Promise<string>;
  /** SHA-1 of a response body, for ETags (not a security use). */
  digest(body: Uint8Array): ArrayBuffer | Promise<ArrayBuffer>;
};

/**
 * QR code images for printing (`qrcode` in Node: it renders PNG through pngjs/zlib).
 * Error correction M: a sticker survives a scratch or a fold.
 */
export type QrImages = {
  svg(text: string, opts?: { margin?: number }): Promise<string>;
  png(text: string, opts?: { width?: number; margin?: number }): Promise<Uint8Array>;
};

/** A content coding the BFF can send: brotli where the runtime has it, else gzip. */
export type Encoding = 'br' | 'gzip';

/**
 * Compression for this runtime (node:zlib in Node: brotli and gzip; CompressionStream,
 * gzip only, elsewhere: lib/compress.ts#webCompressor). `fast` is for answers made per
 * request (cheap levels), `small` for files compressed once and kept (the docs viewer).
 */
export type Compressor = {
  /** In order of preference: the first one a client accepts is used. */
  encodings: readonly Encoding[];
  compress(bytes: Uint8Array, encoding: Encoding, effort: 'fast' | 'small'): Promise<Uint8Array<ArrayBuffer>>;
};

/** The API docs viewer's files (swagger-ui-dist), read on first use; the version goes into their URLs. */
export type DocsViewerFiles = {
  version: string;
  read(name: DocsViewerFile): Promise<Uint8Array<ArrayBuffer>>;
};
export type DocsViewerFile = 'swagger-ui.css' | 'swagger-ui-bundle.js';

/** Settings the app reads, derived from the environment by the Node entry. */
export type AppConfig = {
  production: boolean;
  /** HS256 secret for the BFF's own tokens (≥ 32 bytes). */
  jwtSecret: string;
  citizenTokenTtlSeconds: number;
  staffTokenTtlSeconds: number;
  /** Development login (H5 and tests); never honoured in production. */
  devLogin: boolean;
  wechat: {
    apiBase: string;
    appId: string | null;
    appSecret: string | null;
    /** Subscription-message template id per reminder topic (shared/src/reminders.ts); null: not configured. */
    templates: Record<ReminderTopic, string | null>;
    /** 长期订阅 granted to this mini-program (政务民生): a consent is not used up by a message. */
    longTermSubscriptions: boolean;
    /** Which build a mini-program code opens (getwxacodeunlimit env_version). */
    qrEnvVersion: 'release' | 'trial' | 'develop';
  };
  /** SMS provider (sign-in codes and notices for citizens without a WeChat subscription). */
  sms: {
    /** null: not configured (sign-in codes answer 503, notices take no SMS channel). */
    provider: 'tencent' | null;
    /** Tencent Cloud API 3.0 endpoint, e.g. https://sms.tencentcloudapi.com (tests: a local server). */
    endpoint: string;
    region: string;
    secretId: string | null;
    secretKey: string | null;
    /** SmsSdkAppId of the SMS application. */
    sdkAppId: string | null;
    /** The registered signature (签名), e.g. 某某县政务服务. */
    signName: string | null;
    /** Registered template ids: the sign-in code, and the case notice (tracking number, what happened, link). */
    templates: { loginCode: string | null; notice: string | null };
  };
  /** AES-256-GCM key (32 bytes) for citizens' phone numbers at rest. */
  contactKey: Uint8Array;
  /** The implementation of encryption and HMAC for this runtime. */
  cipher: Cipher;
  /** The implementation of brotli/gzip for this runtime (API answers, the docs viewer's files). */
  compression: Compressor;
  /** Where the docs viewer's files come from (the Node entry: node_modules/swagger-ui-dist); null: no viewer. */
  docsViewer: DocsViewerFiles | null;
  /** Base URL of the H5 app (no trailing slash), for links in notifications and QR codes. */
  publicBaseUrl: string;
  limits: {
    /** Wrong staff passwords per 15 minutes from one address for one account (then 429 from that address only). */
    loginPerAddressPerAccountPer15Min: number;
    /** Wrong staff passwords per 15 minutes from one address, whatever the account. */
    loginPerIpPer15Min: number;
    submissionsPerCitizenPerHour: number;
    uploadMaxBytes: number;
  };
  /** Trust X-Forwarded-For for the client address (only behind a known proxy). */
  trustProxy: boolean;
};
