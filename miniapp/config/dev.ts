import type { UserConfigExport } from '@tarojs/cli';

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {
    devServer: {
      // `pnpm dev:h5` serves on its own port; forward the API to a local BFF so the
      // default same-origin API base ('') works in development too.
      proxy: {
        '/api': { target: 'http://127.0.0.1:8787', changeOrigin: true },
      },
    },
  },
} satisfies UserConfigExport<'webpack5'>;
