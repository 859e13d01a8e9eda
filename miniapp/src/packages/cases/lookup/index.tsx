import { pagePaths } from '@zw/shared/paths';
import '../zod';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { LookupBody, type CitizenCase } from '@zw/shared';
import Page from '../../../components/Page';
import { api } from '../../../services/api';
import CaseView from '../components/CaseView';
import { Banner, Field } from '../../../components/kit';
import '../components/cases.css';
import { decodeParam, errorText } from '../format';
import '../components/cases.css';
import { shareTitle, useShare } from '../../../hooks/useShare';

type Errors = { trackingNo?: string; queryCode?: string };

/** Anonymous messages: the tracking number and the 6-digit query code open a read-only view. */
export default function Lookup() {
  const router = useRouter();
  // Without the number or code typed here: only the page travels.
  useShare(() => ({ title: shareTitle('查询诉求办理进度'), path: pagePaths.caseLookup }));
  const [trackingNo, setTrackingNo] = useState(() => decodeParam(router.params.trackingNo).toUpperCase());
  const [queryCode, setQueryCode] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [data, setData] = useState<CitizenCase | null>(null);

  const submit = async () => {
    setError('');
    const parsed = LookupBody.safeParse({ trackingNo, queryCode });
    if (!parsed.success) {
      const next: Errors = {};
      for (const i of parsed.error.issues) {
        const k = i.path[0] as keyof Errors;
        if (!next[k]) next[k] = i.message;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      setData(await api.lookup(parsed.data.trackingNo, parsed.data.queryCode));
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
    } catch (err) {
      setError(errorText(err, '查询没有成功，请稍后再试'));
    } finally {
      setBusy(false);
    }
  };

  if (data) {
    return (
      <Page className="case-page case-lookup">
        <CaseView
          data={data}
          notice={
            <Banner kind="info">
              <Text>这是凭查询码查看的办理进度，仅供查看。如需评价或申请重新办理，请在提交留言的手机上打开“我的诉求”。</Text>
            </Banner>
          }
        />
        <Button
          className="zw-button zw-button--ghost"
          onClick={() => {
            setData(null);
            setQueryCode('');
          }}
        >
          查询其他留言
        </Button>
      </Page>
    );
  }

  return (
    <Page className="case-page case-lookup">
      <Text className="case-lead">匿名留言提交后会得到受理编号和查询码，凭这两项可以查看办理进度和答复。空格和横线可输可不输。</Text>
      <View className="zw-card">
        <Field className="case-field" label="受理编号" error={errors.trackingNo}>
          <Input
            className="zw-input case-code-input case-lookup-no"
            value={trackingNo}
            maxlength={24}
            placeholder="QX 开头，如 QX261203-4821-07356"
            onInput={(e) => {
              setTrackingNo(e.detail.value.toUpperCase());
              setErrors((x) => ({ ...x, trackingNo: undefined }));
            }}
          />
        </Field>
        <Field className="case-field" label="查询码" error={errors.queryCode}>
          <Input
            className="zw-input case-code-input case-lookup-code"
            type="number"
            value={queryCode}
            maxlength={10}
            placeholder="10 位数字（早先的为 6 位）"
            onInput={(e) => {
              setQueryCode(e.detail.value);
              setErrors((x) => ({ ...x, queryCode: undefined }));
            }}
          />
        </Field>
      </View>
      {error ? (
        <Banner kind="error">
          <Text className="case-lookup-error">{error}</Text>
        </Banner>
      ) : null}
      <Button className="zw-button case-lookup-submit" loading={busy} disabled={busy} onClick={() => void submit()}>
        查询
      </Button>
      <Text className="case-hint" style={{ textAlign: 'center', marginTop: '0.8em' }}>
        实名留言不需要查询码，请在“我的诉求”中查看。
      </Text>
    </Page>
  );
}
