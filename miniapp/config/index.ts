import { realpathSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import { RetryChunkLoadPlugin } from 'webpack-retry-chunk-load-plugin';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * The workspace package @zw/shared is TypeScript published as source. pnpm links it
 * into node_modules, webpack resolves the link to its real path (../shared/src), and
 * Taro only runs Babel on `sourceRoot` plus Taro's own packages, so it must be listed here.
 */
const sharedSrc = path.resolve(__dirname, '..', '..', 'shared', 'src');
/**
 * hono/client (the typed API client, src/services/client.ts) ships ES2022 (class fields);
 * it goes through the same Babel as our code. A few KB: only hono/dist/client and what it imports.
 */
const honoDist = path.join(realpathSync(path.resolve(__dirname, '..', 'node_modules', 'hono')), 'dist');
const compile = { include: [sharedSrc, honoDist] };
/** WeChat has no Headers; hono/client constructs one per request (see src/services/headers.ts). */
const headersShim = path.resolve(__dirname, '..', 'src', 'services', 'headers.ts');

// https://docs.taro.zone/docs/config
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'zhengwu-miniapp',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // dist/weapp and dist/h5 side by side; the BFF serves dist/h5 at the site root.
    // MINIAPP_OUT lets parallel builds (several engineers, CI) write to separate folders.
    outputRoot: process.env.MINIAPP_OUT || `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile,
      webpackChain(chain) {
        chain.plugin('providerPlugin').tap(([definitions]) => [{ ...definitions, Headers: [headersShim, 'Headers'] }]);
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      compile,
      // Script and style tags are placed by src/index.html itself, after the inline first screen: a stylesheet
      // in <head> blocks every paint until it arrives (a whole round trip on a weak network), one after the
      // first screen only holds back what follows it.
      htmlPluginOption: { inject: false },
      // Taro's React components (@tarojs/components-react) for View, Text, Button, Input, Image, Picker and
      // ScrollView instead of its Stencil web components (the rest, e.g. Switch and Textarea, stay web
      // components). Plain elements that React renders directly: Lighthouse's blocking time on a guide fell
      // from 280–407 ms to 178–223 ms here, and Taro recommends them for the Android phones (OPPO, vivo) where
      // the web components' visibility toggling leaves a white page.
      useHtmlComponents: true,
      // Taro splits only the initial chunks, so every lazily loaded page carried its own
      // copy of zod, @zw/shared and shared components (≈ 300 KB a page). Modules used by
      // two or more page chunks now go into shared chunks, loaded once and cached.
      webpackChain(chain) {
        // A page's code that fails to load on a weak signal is fetched again twice (after 1 s, then 2 s) before
        // the shell says 网络不稳定，点此重试 (src/services/shell.h5.ts). The query only defeats a cached failure.
        chain.plugin('retryChunkLoad').use(RetryChunkLoadPlugin, [
          {
            maxRetries: 2,
            retryDelay: 'function (attempt) { return attempt * 1000; }',
            // The plugin appends "&retry-attempt=N" after this call, but its template ends the call with ';', so that
            // part is a separate statement and never reaches the URL: the time alone makes each retry's URL fresh.
            cacheBust: 'function () { return "retry=" + Date.now(); }',
          },
        ]);
        // Taro's React components' stylesheet, made to weigh nothing against the kit (see the loader).
        chain.module
          .rule('taroComponentStyles')
          .test(/components-react[\\/]dist[\\/]index\.css$/)
          .enforce('pre')
          .use('weightless')
          .loader(path.resolve(__dirname, 'taro-styles-loader.mjs'));
        const splitChunks = chain.optimization.get('splitChunks');
        if (!splitChunks) return;
        chain.optimization.splitChunks({
          ...splitChunks,
          cacheGroups: {
            ...splitChunks.cacheGroups,
            pagesShared: { chunks: 'async', minChunks: 2, minSize: 20_000, priority: 5, reuseExistingChunk: true },
          },
        });
      },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'browser' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
