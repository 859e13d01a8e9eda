import type { UserConfigExport } from '@tarojs/cli';

if (process.env.TARO_ENV === 'weapp' && !process.env.TARO_APP_API_BASE) {
  // Mini-programs cannot use relative URLs; without a configured base the build talks to
  // the local BFF, which only works in WeChat DevTools with domain checks turned off.
  console.warn(
    '[miniapp] TARO_APP_API_BASE is not set: this weapp build calls http://127.0.0.1:8787. ' +
      'Set it (e.g. in .env.production.local) to the registered https domain before release.',
  );
}

export default {
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
