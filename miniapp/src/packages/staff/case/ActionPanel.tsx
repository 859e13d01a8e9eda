import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ChaseBody, NoteBody, StaffActionBody, type StaffCase } from '@zw/shared';
import { SectionTitle } from '../components/ui';
import { staffApi } from '../services/staff-api';
import { ConfirmForm, ExtendForm, TextForm, TransferForm } from './forms';
import '../components/staff.css';

export type Perform = (call: () => Promise<StaffCase>) => Promise<string | null>;

type Kind = 'accept' | 'start' | 'reply' | 'request_supplement' | 'extend' | 'transfer' | 'reject' | 'close' | 'note' | 'chase';

/** Button wording; the order is the order of the state machine's table, then notes and 督办. */
const buttons: Array<{ kind: Kind; label: string; danger?: boolean }> = [
  { kind: 'accept', label: '受理' },
  { kind: 'start', label: '开始办理' },
  { kind: 'reply', label: '答复群众' },
  { kind: 'request_supplement', label: '告知补正' },
  { kind: 'extend', label: '延期答复' },
  { kind: 'transfer', label: '转办' },
  { kind: 'reject', label: '不予受理', danger: true },
  { kind: 'close', label: '办结' },
  { kind: 'note', label: '内部备注' },
  { kind: 'chase', label: '督办', danger: true },
];

const firstIssue = (r: { success: false; error: { issues: Array<{ message: string }> } }) =>
  r.error.issues[0]?.message ?? '请检查填写的内容';

/**
 * Only what the server says this person may do now (StaffCase.availableActions,
 * from the shared state machine), plus internal notes for anyone who can see the
 * case and 督办 for supervisors on a case still open. The client checks a form
 * with the same zod schema as the server, then shows whatever the server answers.
 */
export default function ActionPanel({ data, supervisor, perform }: { data: StaffCase; supervisor: boolean; perform: Perform }) {
  const [open, setOpen] = useState<Kind | null>(null);
  const allowed = new Set<string>(data.availableActions);
  const handling = !['closed', 'rejected'].includes(data.state);
  // Notes are for the people handling it: the department's staff, or a supervisor.
  if (supervisor || data.availableActions.length > 0 || data.owner) allowed.add('note');
  if (supervisor && handling) allowed.add('chase');
  const shown = buttons.filter((b) => allowed.has(b.kind));

  const close = () => setOpen(null);
  const act = async (body: StaffActionBody): Promise<string | null> => {
    const parsed = StaffActionBody.safeParse(body);
    if (!parsed.success) return firstIssue(parsed);
    const problem = await perform(() => staffApi.act(data.id, parsed.data));
    if (!problem) close();
    return problem;
  };

  let form = null;
  switch (open) {
    case 'accept':
      form = (
        <ConfirmForm
          title="受理这件诉求"
          hint="受理后由您承办（首问负责），直到办结或正式转办。"
          submitText="确认受理"
          onSubmit={() => act({ action: 'accept' })}
          onCancel={close}
        />
      );
      break;
    case 'start':
      form = (
        <ConfirmForm
          title="开始办理"
          hint="群众会看到“办理中”。"
          submitText="开始办理"
          onSubmit={() => act({ action: 'start' })}
          onCancel={close}
        />
      );
      break;
    case 'reply':
      form = (
        <TextForm
          title="答复群众"
          hint="答复内容群众可以看到，请写明处理结果和依据。"
          placeholder="请填写答复内容"
          submitText="发送答复"
          templatesFor={data.type}
          onSubmit={(body) => act({ action: 'reply', body })}
          onCancel={close}
        />
      );
      break;
    case 'request_supplement':
      form = (
        <TextForm
          title="告知补正"
          hint="请一次性列明需要补正的全部材料或信息（条例第三十条）。补正期间暂停计时，补齐后重新计算期限。"
          placeholder="例如：请补充申请人身份证明复印件，并写明所需信息的年度和范围"
          submitText="发送补正告知"
          onSubmit={(body) => act({ action: 'request_supplement', body })}
          onCancel={close}
        />
      );
      break;
    case 'extend':
      form = <ExtendForm onSubmit={(days, reason) => act({ action: 'extend', days, reason })} onCancel={close} />;
      break;
    case 'transfer':
      form = (
        <TransferForm
          currentDepartment={data.department.id}
          onSubmit={(departmentId, reason) =>
            departmentId ? act({ action: 'transfer', departmentId, reason }) : Promise.resolve('请选择转办部门')
          }
          onCancel={close}
        />
      );
      break;
    case 'reject':
      form = (
        <TextForm
          title="不予受理"
          hint="理由会告知群众，请写明原因和可以反映的渠道。"
          placeholder="例如：该事项属于法院管辖，请向县人民法院反映"
          submitText="确认不予受理"
          danger
          onSubmit={(reason) => act({ action: 'reject', reason })}
          onCancel={close}
        />
      );
      break;
    case 'close':
      form = (
        <ConfirmForm
          title="办结"
          hint="已答复群众，确认办结。办结后群众可以评价，5 日内可申请重新办理。"
          submitText="确认办结"
          onSubmit={() => act({ action: 'close' })}
          onCancel={close}
        />
      );
      break;
    case 'note':
      form = (
        <TextForm
          title="内部备注"
          hint="仅工作人员可见，群众看不到。"
          placeholder="例如：已电话联系社区核实情况"
          submitText="保存备注"
          onSubmit={async (body) => {
            const parsed = NoteBody.safeParse({ body });
            if (!parsed.success) return firstIssue(parsed);
            const problem = await perform(() => staffApi.note(data.id, parsed.data.body));
            if (!problem) close();
            return problem;
          }}
          onCancel={close}
        />
      );
      break;
    case 'chase':
      form = (
        <TextForm
          title="督办"
          hint="督办意见会出现在承办部门的办理页面顶部，群众看不到。"
          placeholder="督办意见"
          initial={
            data.deadlineStatus === 'overdue'
              ? '该诉求已超过办理期限，请于今日内答复群众并反馈办理情况。'
              : '该诉求即将到期，请抓紧办理，按期答复群众。'
          }
          submitText="发出督办"
          danger
          onSubmit={async (body) => {
            const parsed = ChaseBody.safeParse({ body });
            if (!parsed.success) return firstIssue(parsed);
            const problem = await perform(() => staffApi.chase(data.id, parsed.data.body));
            if (!problem) close();
            return problem;
          }}
          onCancel={close}
        />
      );
      break;
  }

  if (shown.length === 0)
    return (
      <View className="zw-card st-actions-card">
        <SectionTitle>办理</SectionTitle>
        <Text className="zw-muted st-no-actions">{noActionText(data)}</Text>
      </View>
    );

  return (
    <View className="zw-card st-actions-card" id="st-actions">
      <SectionTitle>办理</SectionTitle>
      <View className="st-actions">
        {shown.map((b) => (
          <Button
            key={b.kind}
            className={`zw-btn st-action st-action--${b.kind}${b.danger ? ' zw-btn--danger' : ''}${open === b.kind ? ' zw-btn--solid' : ''}`}
            data-action={b.kind}
            onClick={() => setOpen(open === b.kind ? null : b.kind)}
          >
            {b.label}
          </Button>
        ))}
      </View>
      {data.owner === null && allowed.has('accept') ? (
        <Text className="zw-muted" style={{ marginTop: '0.5em', display: 'block' }}>
          受理后才能答复、查看完整联系方式。
        </Text>
      ) : null}
      {form}
    </View>
  );
}

function noActionText(data: StaffCase): string {
  if (data.state === 'closed') return '已办结。群众如申请重新办理，会回到承办人的收件箱。';
  if (data.state === 'rejected') return '已决定不予受理，理由已告知群众。';
  if (data.state === 'awaiting_supplement') return '正在等待群众补正材料，补齐后可继续办理。';
  if (data.owner) return `由${data.owner.name}承办，您可以查看办理情况。`;
  return '您目前不能办理这件诉求。';
}
