import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { pagePaths } from '@zw/shared/paths';
import Page from '../../components/Page';
import { Loading } from '../../components/PageState';
import { ApiError, api } from '../../services/api';
import { codeFromParams, isCode, normalizeCode, pageFromParams, parseScan } from './parse';
import './index.css';
import { shareTitle, useShare } from '../../hooks/useShare';

type State = { kind: 'idle' } | { kind: 'opening' } | { kind: 'failed'; message: string; retryCode?: string };

const canScan = process.env.TARO_ENV === 'weapp';

const BAD_FORMAT = '编号不对：二维码下方的编号是 4 到 16 位字母或数字，请核对后重新输入';
const NOT_OURS = '这不是清溪县政务服务的二维码。请扫描服务窗口或办事指南上印的二维码，也可以输入二维码下方的编号。';

/** Only pages of this app, never an arbitrary URL from a QR code or a response. */
const isAppPage = (url: string) => /^\/(pages|packages)\/[\w/-]+(\?[\w=&%.-]*)?$/.test(url);

/**
 * 扫码办事: the page a printed QR code opens (?code=, or ?scene= / ?q= in WeChat).
 * It resolves the code and replaces itself with the target page, so 返回 never
 * lands on a spinner. Without a code: 扫一扫 (WeChat) or typing the printed code.
 */
export default function Screen() {
  const { params } = useRouter();
  // A forwarded 扫码办事 page opens home: the code on a poster is for the person standing at it.
  useShare(() => ({ title: shareTitle(), path: pagePaths.home }));
  const initialCode = codeFromParams(params);
  const [state, setState] = useState<State>(initialCode || pageFromParams(params) ? { kind: 'opening' } : { kind: 'idle' });
  const [input, setInput] = useState(initialCode ?? '');
  const busy = useRef(false);

  async function openPage(url: string) {
    if (!isAppPage(url)) {
      setState({ kind: 'failed', message: NOT_OURS });
      return;
    }
    try {
      await Taro.redirectTo({ url });
    } catch {
      setState({ kind: 'failed', message: '页面没有打开，请稍后再试' });
    }
  }

  async function openCode(raw: string) {
    const code = normalizeCode(raw);
    if (!code) {
      setState({ kind: 'failed', message: '请输入二维码下方的编号' });
      return;
    }
    if (!isCode(code)) {
      setState({ kind: 'failed', message: BAD_FORMAT });
      return;
    }
    if (busy.current) return;
    busy.current = true;
    setState({ kind: 'opening' });
    try {
      const target = await api.qr(code);
      await openPage(target.path);
    } catch (err) {
      if (err instanceof ApiError) {
        setState({
          kind: 'failed',
          message: err.code === 'VALIDATION_FAILED' ? BAD_FORMAT : err.message,
          retryCode: err.network || (err.status ?? 0) >= 500 ? code : undefined,
        });
      } else {
        setState({ kind: 'failed', message: '页面没有打开，请稍后再试', retryCode: code });
      }
    } finally {
      busy.current = false;
    }
  }

  useEffect(() => {
    const page = pageFromParams(params);
    if (page) void openPage(page);
    else if (initialCode) void openCode(initialCode);
    // Once, for the code the page was opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function scan() {
    let res: Taro.scanCode.SuccessCallbackResult;
    try {
      res = await Taro.scanCode({ onlyFromCamera: false });
    } catch (err) {
      const msg = (err as { errMsg?: string } | null)?.errMsg ?? '';
      if (!/cancel/i.test(msg)) setState({ kind: 'failed', message: '没有识别出二维码，请对准二维码再试一次，或输入二维码下方的编号' });
      return;
    }
    const target = parseScan(res.result, res.path);
    if (!target) {
      setState({ kind: 'failed', message: NOT_OURS });
      return;
    }
    if (target.kind === 'page') {
      setState({ kind: 'opening' });
      await openPage(target.url);
    } else {
      setInput(target.code);
      await openCode(target.code);
    }
  }

  if (state.kind === 'opening') {
    return (
      <Page className="qr">
        <View className="qr-opening">
          <View className="qr-opening__spinner" />
          <Loading text="正在打开…" />
        </View>
      </Page>
    );
  }

  return (
    <Page className="qr">
      <View className="zw-card qr-hero">
        <Text className="zw-title qr-hero__title">扫码办事</Text>
        <Text className="qr-hero__lead">
          {canScan
            ? '扫描服务窗口、办事指南上印的二维码，直接打开窗口介绍、办事指南和服务评价。'
            : '服务窗口、办事指南上印的二维码，可以打开窗口介绍、办事指南和服务评价。'}
        </Text>
        {canScan ? (
          <Button className="zw-button qr-scan" onClick={() => void scan()}>
            扫一扫
          </Button>
        ) : (
          <View className="qr-notice">
            <Text>在浏览器中请输入二维码下方的编号</Text>
          </View>
        )}
      </View>

      {state.kind === 'failed' ? (
        <View className="zw-card qr-error" role="alert">
          <Text className="qr-error__title">没有打开</Text>
          <Text className="qr-error__msg">{state.message}</Text>
          {state.retryCode ? (
            <Button className="zw-button zw-button--ghost qr-error__retry" onClick={() => void openCode(state.retryCode!)}>
              重试
            </Button>
          ) : null}
        </View>
      ) : null}

      <View className="zw-card">
        <Text className="zw-h2 qr-block">输入二维码编号</Text>
        <View className="qr-sample" aria-hidden>
          <View className="qr-sample__code">
            <View className="qr-sample__eye qr-sample__eye--tl" />
            <View className="qr-sample__eye qr-sample__eye--tr" />
            <View className="qr-sample__eye qr-sample__eye--bl" />
          </View>
          <View className="qr-sample__text">
            <Text className="qr-sample__label">编号印在二维码下方，例如</Text>
            <Text className="qr-sample__value">w7k2m9</Text>
          </View>
        </View>
        <Input
          className="qr-input"
          type="text"
          value={input}
          maxlength={20}
          confirmType="go"
          placeholder="输入二维码下方的编号，如 w7k2m9"
          placeholderClass="qr-input__ph"
          onInput={(e) => setInput(e.detail.value)}
          onConfirm={() => void openCode(input)}
        />
        <Button className="zw-button qr-open" onClick={() => void openCode(input)}>
          打开
        </Button>
      </View>

      <View className="qr-home" role="link" onClick={() => void Taro.reLaunch({ url: pagePaths.home })}>
        <Text>回到首页</Text>
      </View>
    </Page>
  );
}
