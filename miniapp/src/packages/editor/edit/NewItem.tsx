import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { ItemCreateBody, ItemType, type Department } from '@zw/shared';
import { pagePaths } from '@zw/shared/paths';
import { Banner, Chip, Field } from '../../../components/kit';
import '../components/editor.css';
import { editorApi } from '../services/editor-api';
import { ApiError } from '../../../services/api';
import { problemsToErrors, type FieldErrors } from '../form';
import { errorText } from '../text';
import { TextInput } from './inputs';

/**
 * 新建事项: the four things a draft starts from (code, name, type, department);
 * everything else is filled in on the editing page it opens. A new guide is a
 * draft: citizens see nothing until it is published.
 */
export default function NewItem() {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [itemType, setItemType] = useState<ItemType>('公共服务');
  const [departmentId, setDepartmentId] = useState<number | null>(null);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    editorApi.departments().then(
      (r) => setDepartments(r.data),
      () => setError('部门列表没有加载出来，请下拉刷新或稍后再试'),
    );
  }, []);

  const submit = async () => {
    setError('');
    const parsed = ItemCreateBody.safeParse({ code: code.trim().toUpperCase(), name, itemType, departmentId: departmentId ?? undefined });
    if (!parsed.success) {
      const found = problemsToErrors(parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })));
      if (found.departmentId) found.departmentId = '请选择实施部门';
      setErrors(found);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const created = await editorApi.create(parsed.data);
      void Taro.redirectTo({ url: `${pagePaths.editorEdit}?id=${created.id}&created=1` });
    } catch (err) {
      // 409 here means the code is taken; 400 names the field.
      const issues =
        err instanceof ApiError ? (err.details as { issues?: Array<{ field: string; message: string }> } | undefined)?.issues : undefined;
      if (issues?.length) setErrors(problemsToErrors(issues.map((i) => ({ field: i.field.replace(/^body\./, ''), message: i.message }))));
      setError(errorText(err, '没有建成，请稍后再试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View>
      <Banner kind="info">新建的事项是草稿，群众看不到；其余内容在下一步填写，填完整后再发布。</Banner>
      <View className="zw-card ed-section">
        <Field
          className="ed-field"
          errorClassName="ed-error"
          label="事项编码"
          field="code"
          error={errors.code}
          hint="如 36112300MZ-XK-0101，与省政务服务平台一致。"
        >
          <TextInput name="code" value={code} max={30} onChange={setCode} />
        </Field>
        <Field className="ed-field" errorClassName="ed-error" label="事项名称" field="name" error={errors.name}>
          <TextInput name="new-name" value={name} max={100} onChange={setName} />
        </Field>
        <Field className="ed-field" errorClassName="ed-error" label="事项类型" field="itemType" error={errors.itemType}>
          <View className="zw-chips">
            {ItemType.options.map((t) => (
              <Chip key={t} on={itemType === t} onClick={() => setItemType(t)}>
                {t}
              </Chip>
            ))}
          </View>
        </Field>
        <Field className="ed-field" errorClassName="ed-error" label="实施部门" field="departmentId" error={errors.departmentId}>
          <View className="zw-chips">
            {departments.map((d) => (
              <Chip key={d.id} className={`ed-dept ed-dept--${d.code}`} on={departmentId === d.id} onClick={() => setDepartmentId(d.id)}>
                {d.shortName || d.name}
              </Chip>
            ))}
          </View>
        </Field>
      </View>
      {error ? (
        <Banner kind="error">
          <Text className="ed-create-error">{error}</Text>
        </Banner>
      ) : null}
      <Button className="zw-button ed-create" loading={busy} disabled={busy} onClick={() => void submit()}>
        建立草稿
      </Button>
    </View>
  );
}
