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
};

/** Checks an image by its content and re-encodes it without metadata (EXIF/GPS). */
export type ImageProcessor = {
  normalise(bytes: Uint8Array): Promise<{ bytes: Uint8Array; mime: 'image/jpeg' | 'image/png' | 'image/webp'; width: number; height: number }>;
};

/** Settings the app reads, derived from the environment by the Node entry. */
export type AppConfig = {
  production: boolean;
  /** HS256 secret for the BFF's own tokens (≥ 32 bytes). */
  jwtSecret: string;
  citizenTokenTtlSeconds: number;
  staffTokenTtlSeconds: number;
  /** Development login (H5 and tests); never honoured in production. */
  devLogin: boolean;
  wechat: { apiBase: string; appId: string | null; appSecret: string | null; answeredTemplateId: string | null; assignedTemplateId: string | null };
  /** AES-256-GCM key (32 bytes) for citizens' phone numbers at rest. */
  contactKey: Uint8Array;
  /** Base URL of the H5 app, for links in notifications. */
  publicBaseUrl: string;
  limits: {
    loginPerAccountPer15Min: number;
    loginPerIpPer15Min: number;
    submissionsPerCitizenPerHour: number;
    uploadMaxBytes: number;
  };
  /** Trust X-Forwarded-For for the client address (only behind a known proxy). */
  trustProxy: boolean;
};
