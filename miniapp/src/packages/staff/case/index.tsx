import '../zod';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { caseStateLabels, type StaffCase } from '@zw/shared';
import { pagePaths } from '@zw/shared/paths';
import Page from '../../../components/Page';
import { ErrorState, Loading } from '../../../components/PageState';
import { Banner } from '../../../components/kit';
import '../components/staff.css';
import { useStaffSession } from '../components/useStaffSession';
import { errorText, monthDay } from '../format';
import { ApiError, staffApi } from '../services/staff-api';
import { homeOf, isSupervisor } from '../../../services/staff-session';
import ActionPanel from './ActionPanel';
import { CaseHead, ChaseNotice, ContactCard, ContentCard, InfoCard } from './CaseFacts';
import Timeline from './Timeline';
import '../components/staff.css';

type Load =
  | { status: 'loading' }
  | { status: 'denied'; badLink?: boolean }
  | { status: 'error'; message: string }
  | { status: 'done'; data: StaffCase };

/**
 * What happened, in words, from the case the server sent back — never from
 * what the button was meant to do. A transfer the server recorded shows the
 * department it went to; a state that did not change says so.
 */
function outcome(before: StaffCase, after: StaffCase): { kind: 'ok' | 'info'; text: string } {
  if (after.department.id !== before.department.id)
    return { kind: 'info', text: `已转办至${after.department.name}。此件由对方部门受理，本部门不再办理。` };
  if (after.chaseCount > before.chaseCount)
    return { kind: 'ok', text: `已督办（第 ${after.chaseCount} 次），承办部门打开此件时会首先看到督办意见。` };
  if (after.dueAt !== before.dueAt && after.state === before.state)
    return { kind: 'ok', text: `已延期，新的答复期限为 ${monthDay(after.dueAt)}。` };
  if (after.state !== before.state) {
    const who = after.owner ? `，承办人：${after.owner.name}` : '';
    const extra = after.state === 'answered' ? '。答复已发给群众，可在“我的诉求”中看到' : '';
    return { kind: 'ok', text: `已完成：当前状态为“${caseStateLabels[after.state]}”${who}${extra}。` };
  }
  if (after.timeline.length > before.timeline.length) return { kind: 'ok', text: '已保存到办理记录。' };
  return { kind: 'info', text: `当前状态仍为“${caseStateLabels[after.state]}”。` };
}

export default function StaffCasePage() {
  const session = useStaffSession();
  const router = useRouter();
  const id = Number(router.params.id);
  const validId = Number.isInteger(id) && id > 0;
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [notice, setNotice] = useState<{ kind: 'ok' | 'info' | 'error'; text: string } | null>(null);
  const seq = useRef(0);

  const reload = useCallback(
    async (quiet = false) => {
      if (!validId) return setLoad({ status: 'denied', badLink: true });
      const mine = ++seq.current;
      if (!quiet) setLoad({ status: 'loading' });
      try {
        const data = await staffApi.case(id);
        if (mine === seq.current) setLoad({ status: 'done', data });
      } catch (err) {
        if (mine !== seq.current) return;
        // The server answers 404 both for a missing id and for another department's case, on purpose.
        if (err instanceof ApiError && err.status === 404) setLoad({ status: 'denied' });
        else if (quiet) setNotice({ kind: 'error', text: errorText(err, '刷新没有成功，请下拉重试') });
        else setLoad({ status: 'error', message: errorText(err, '加载失败，请稍后再试') });
      }
    },
    [id, validId],
  );
  useEffect(() => {
    if (session) void reload();
  }, [reload, session]);

  if (!session) return <Page className="st-page" />;
  const backToList = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.redirectTo({ url: homeOf(session.user) });
  };

  if (load.status === 'loading')
    return (
      <Page className="st-page">
        <Loading />
      </Page>
    );
  if (load.status === 'denied')
    return (
      <Page className="st-page">
        <View className="zw-card st-denied" role="alert">
          <View className="st-denied__icon">!</View>
          <Text className="st-denied__title">{load.badLink ? '链接不完整' : '无权查看这件诉求'}</Text>
          <Text className="st-denied__text">
            {load.badLink
              ? '没有找到要打开的诉求，请从收件箱中打开。'
              : '这件诉求不存在，或不在您所在部门的办理范围内。如需协同办理，请联系督办人员转办。'}
          </Text>
          <Button className="zw-button" onClick={() => void Taro.redirectTo({ url: homeOf(session.user) })}>
            返回收件箱
          </Button>
        </View>
      </Page>
    );
  if (load.status === 'error')
    return (
      <Page className="st-page">
        <ErrorState message={load.message} onRetry={() => void reload()} />
      </Page>
    );

  const data = load.data;
  const perform = async (call: () => Promise<StaffCase>): Promise<string | null> => {
    try {
      const next = await call();
      setNotice(outcome(data, next));
      setLoad({ status: 'done', data: next });
      void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined);
      return null;
    } catch (err) {
      // Someone else acted first, or the state no longer allows it: show the case as it is now.
      if (err instanceof ApiError && (err.status === 409 || err.status === 403)) void reload(true);
      if (err instanceof ApiError && err.status === 404) {
        void reload();
        return null;
      }
      return errorText(err);
    }
  };
  const movedAway =
    data.availableActions.length === 0 &&
    data.owner === null &&
    data.department.id !== session.user.department?.id &&
    !isSupervisor(session.user);

  return (
    <Page className="st-page st-case-page">
      {notice ? (
        <Banner kind={notice.kind} className="st-outcome">
          <Text>{notice.text}</Text>
          {movedAway ? (
            <View className="zw-banner__actions">
              <Button className="zw-btn" onClick={() => void Taro.redirectTo({ url: pagePaths.staffInbox })}>
                返回收件箱
              </Button>
            </View>
          ) : null}
        </Banner>
      ) : null}
      <CaseHead data={data} />
      <ChaseNotice data={data} />
      {movedAway ? null : <ActionPanel data={data} supervisor={isSupervisor(session.user)} perform={perform} />}
      <ContentCard data={data} />
      <ContactCard data={data} me={session.user.id} onRevealed={() => void reload(true)} />
      <InfoCard data={data} />
      <Timeline events={data.timeline} />
      <Button className="zw-button zw-button--ghost" onClick={backToList}>
        返回列表
      </Button>
    </Page>
  );
}
