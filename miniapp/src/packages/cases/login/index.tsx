import '../zod';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { pagePaths } from '@zw/shared/paths';
import Page from '../../../components/Page';
import { Banner, Field } from '../../../components/kit';
import { api, ApiError } from '../../../services/api';
import { saveToken } from '../../../services/auth';
import { errorText } from '../format';
import { codeProblem, phoneProblem, resendLabel, safeRedirect, secondsLeft } from './form';
import '../components/cases.css';
import { shareTitle, useShare } from '../../../hooks/useShare';

type Errors = { phone?: string; code?: string };

/**
 * The browser's sign-in: phone + SMS code. WeChat signs citizens in without
 * this page. After signing in the citizen returns to the page that sent them
 * here (`redirect`, a page of this app only).
 */
/**
 * Back to the page that sent the citizen here when it is still open under this
 * one (its form and draft intact), else open `to` in place of this page.
 */
async function leave(to: string) {
  const pages = Taro.getCurrentPages();
  const below = pages[pages.length - 2];
  if (below?.route && to.split('?')[0] === `/${below.route.replace(/^\//, '')}`) {
    await Taro.navigateBack();
    return;
  }
  await Taro.redirectTo({ url: to }).catch(() => Taro.reLaunch({ url: to }));
}

/** The message form to go to without signing in: the one that sent the citizen here (its target kept), or a new one. */
function anonymousTarget(redirect: string | undefined): string {
  const back = safeRedirect(redirect, pagePaths.newCase);
  return back.startsWith(pagePaths.newCase) ? back : pagePaths.newCase;
}

export default function Login() {
  const router = useRouter();
  useShare(() => ({ title: shareTitle(), path: pagePaths.home }));
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState('');
  const [info, setInfo] = useState('');
  const [sending, setSending] = useState(false);
  const [busy, setBusy] = useState(false);
  const [resendAt, setResendAt] = useState(0);
  const [sentOnce, setSentOnce] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const left = secondsLeft(resendAt, now);

  // Tick once a second only while the countdown runs.
  useEffect(() => {
    if (left <= 0) return;
    const t = setTimeout(() => setNow(Date.now()), 1000);
    return () => clearTimeout(t);
  }, [left, now]);

  const sendCode = async () => {
    setError('');
    const problem = phoneProblem(phone);
    if (problem) return setErrors({ phone: problem });
    setErrors({});
    setSending(true);
    try {
      const sent = await api.smsCode(phone);
      setResendAt(Date.now() + sent.resendAfterSeconds * 1000);
      setNow(Date.now());
      setSentOnce(true);
      setInfo(`验证码已发送，${Math.round(sent.expiresInSeconds / 60)} 分钟内有效`);
    } catch (err) {
      // 429 says how long to wait: start the countdown from it.
      const wait = err instanceof ApiError ? Number((err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds) : NaN;
      if (Number.isFinite(wait) && wait > 0) {
        setResendAt(Date.now() + wait * 1000);
        setNow(Date.now());
      }
      setError(errorText(err, '验证码没有发送成功，请稍后再试'));
    } finally {
      setSending(false);
    }
  };

  const submit = async () => {
    setError('');
    const next: Errors = { phone: phoneProblem(phone) ?? undefined, code: codeProblem(code) ?? undefined };
    if (next.phone || next.code) return setErrors(next);
    setErrors({});
    setBusy(true);
    try {
      const res = await api.smsLogin(phone, code);
      saveToken(res.token, res.expiresAt);
      await leave(safeRedirect(router.params.redirect, pagePaths.home));
    } catch (err) {
      setError(errorText(err, '登录没有成功，请稍后再试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page className="case-page case-login">
      <Text className="case-lead">用手机号和短信验证码登录后，可以留言、查看办理进度和评价。在微信中打开无需登录。</Text>
      <View className="zw-card">
        <Field className="case-field" label="手机号" error={errors.phone}>
          <Input
            className="zw-input case-login-phone"
            type="number"
            maxlength={11}
            value={phone}
            placeholder="11 位手机号"
            onInput={(e) => {
              setPhone(e.detail.value);
              setErrors((x) => ({ ...x, phone: undefined }));
            }}
          />
        </Field>
        <Button
          className="zw-button zw-button--ghost case-login-send"
          loading={sending}
          disabled={sending || left > 0}
          onClick={() => void sendCode()}
        >
          {resendLabel(left, sentOnce)}
        </Button>
        <Field className="case-field" label="短信验证码" error={errors.code}>
          <Input
            className="zw-input case-code-input case-login-code"
            type="number"
            maxlength={6}
            value={code}
            placeholder="6 位数字"
            // @ts-expect-error autocomplete is passed through to the H5 input (one-time codes fill in by themselves)
            autocomplete="one-time-code"
            onInput={(e) => {
              setCode(e.detail.value);
              setErrors((x) => ({ ...x, code: undefined }));
            }}
          />
        </Field>
      </View>
      {info && !error ? (
        <Banner kind="info">
          <Text className="case-login-info">{info}</Text>
        </Banner>
      ) : null}
      {error ? (
        <Banner kind="error">
          <Text className="case-login-error">{error}</Text>
        </Banner>
      ) : null}
      <Button className="zw-button case-login-submit" loading={busy} disabled={busy} onClick={() => void submit()}>
        登录
      </Button>
      <View className="case-login-alt">
        <Text className="case-hint">不想登录？可以匿名留言（不能上传照片），凭受理编号和查询码查看进度：</Text>
        <Button className="zw-button zw-button--ghost case-login-guest" onClick={() => void leave(anonymousTarget(router.params.redirect))}>
          不登录，匿名留言
        </Button>
        <Button
          className="zw-button zw-button--ghost case-login-lookup"
          onClick={() => void Taro.navigateTo({ url: pagePaths.caseLookup })}
        >
          凭查询码查看进度
        </Button>
      </View>
    </Page>
  );
}
