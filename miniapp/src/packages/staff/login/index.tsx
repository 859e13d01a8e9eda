import '../zod';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { failedLoginText, StaffLoginBody, type TokenResponse } from '@zw/shared';
import Page from '../../../components/Page';
import { Banner, FieldError } from '../../../components/kit';
import '../components/staff.css';
import { staffApi } from '../services/staff-api';
import { getSession, homeOf, rememberWechatBound, safeNext, saveSession, wechatBoundHere } from '../../../services/staff-session';
import { errorText, fmtDateTime } from '../format';
import '../components/staff.css';

const inWeapp = process.env.TARO_ENV === 'weapp';

type Errors = { username?: string; password?: string };

/**
 * Staff sign in with their account, or with one tap in WeChat once they have
 * bound it (the bind offer is on the inbox). Editors do not handle messages:
 * they land on the content list of the editor subpackage instead of an inbox
 * they could not open.
 */
export default function StaffLogin() {
  const router = useRouter();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState<'password' | 'wechat' | null>(null);
  const notice =
    router.params.reason === 'expired' ? '登录已过期，请重新登录。' : router.params.reason === 'logout' ? '您已退出登录。' : '';
  // Where to go after signing in: the page that sent us here (a case from a notification), or the role's home.
  const next = safeNext(router.params.next);

  // Still signed in: straight to work.
  useEffect(() => {
    const s = getSession();
    if (s) void Taro.redirectTo({ url: next ?? homeOf(s.user) });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const enter = async (res: TokenResponse) => {
    if (res.user.kind !== 'staff') throw new Error('请使用工作人员账号登录');
    const session = saveSession(res);
    if (!session) throw new Error('登录没有成功，请稍后再试');
    // Wrong passwords for this account since the last sign-in: said once, before work starts.
    if (res.failedLogins) {
      await Taro.showModal({
        title: '账号安全提醒',
        content: failedLoginText(res.failedLogins, fmtDateTime(res.failedLogins.lastAt)),
        showCancel: false,
        confirmText: '知道了',
      }).catch(() => undefined);
    }
    void Taro.redirectTo({ url: next ?? homeOf(session.user) });
  };

  const submit = async () => {
    setError('');
    const parsed = StaffLoginBody.safeParse({ username, password });
    if (!parsed.success) {
      const found: Errors = {};
      for (const i of parsed.error.issues) {
        const k = i.path[0] as keyof Errors;
        if (!found[k]) found[k] = i.message;
      }
      setErrors(found);
      return;
    }
    setErrors({});
    setBusy('password');
    try {
      await enter(await staffApi.login(parsed.data.username, parsed.data.password));
    } catch (err) {
      setError(errorText(err, '登录没有成功，请稍后再试'));
    } finally {
      setBusy(null);
    }
  };

  const wechat = async () => {
    setError('');
    setBusy('wechat');
    try {
      const res = await staffApi.wxLogin();
      rememberWechatBound();
      await enter(res);
    } catch (err) {
      const status = (err as { status?: number }).status;
      setError(
        status === 401
          ? '这个微信还没有绑定工作人员账号。请先用账号密码登录，再在收件箱顶部绑定微信。'
          : errorText(err, '微信登录没有成功，请稍后再试'),
      );
    } finally {
      setBusy(null);
    }
  };

  const wechatButton = inWeapp ? (
    <Button
      className={`zw-button${wechatBoundHere() ? '' : ' zw-button--ghost'} st-login-wechat`}
      loading={busy === 'wechat'}
      disabled={!!busy}
      onClick={() => void wechat()}
    >
      微信一键登录
    </Button>
  ) : null;

  return (
    <Page className="st-page st-login">
      <View className="st-login__brand">
        <Text className="st-login__title">诉求办理</Text>
        <Text className="st-login__sub">清溪县政务服务 · 工作人员登录</Text>
      </View>
      {notice ? <Banner kind="info">{notice}</Banner> : null}
      {wechatBoundHere() ? (
        <View>
          {wechatButton}
          <Text className="st-login__or">或使用账号密码登录</Text>
        </View>
      ) : null}
      <View className="zw-card">
        <Text className="st-label">账号</Text>
        <Input
          className="zw-input st-login-username"
          value={username}
          maxlength={64}
          placeholder="请输入工作账号"
          onInput={(e) => {
            setUsername(e.detail.value);
            setErrors((x) => ({ ...x, username: undefined }));
          }}
        />
        <FieldError text={errors.username} />
        <Text className="st-label">密码</Text>
        <Input
          className="zw-input st-login-password"
          password
          value={password}
          maxlength={200}
          placeholder="请输入密码"
          onInput={(e) => {
            setPassword(e.detail.value);
            setErrors((x) => ({ ...x, password: undefined }));
          }}
          onConfirm={() => void submit()}
        />
        <FieldError text={errors.password} />
      </View>
      {error ? (
        <Banner kind="error">
          <Text className="st-login-error">{error}</Text>
        </Banner>
      ) : null}
      <Button className="zw-button st-login-submit" loading={busy === 'password'} disabled={!!busy} onClick={() => void submit()}>
        登录
      </Button>
      {inWeapp && !wechatBoundHere() ? (
        <View>
          <Text className="st-login__or">已绑定微信？</Text>
          {wechatButton}
        </View>
      ) : null}
      <View className="st-login__foot">
        <Text className="st-login__foot-line">仅限清溪县政务服务工作人员使用</Text>
        <Text className="st-login__foot-line">忘记密码请联系本单位系统管理员重置</Text>
      </View>
    </Page>
  );
}
