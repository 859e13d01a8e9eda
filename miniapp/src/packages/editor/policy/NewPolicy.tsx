import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { PolicyCreateBody, type Department } from '@zw/shared';
import { pagePaths } from '@zw/shared/paths';
import { Banner, Chip, Field } from '../../../components/kit';
import '../components/editor.css';
import { TextInput } from '../edit/inputs';
import { problemsToErrors, type FieldErrors } from '../form';
import { ApiError, editorApi, policyApi } from '../services/editor-api';
import { errorText } from '../text';

/**
 * 新建政策文件: 文号, title and (optionally) the lead department; the rest is
 * filled in on the editing page it opens. A new document is a draft.
 */
export default function NewPolicy() {
  const [docNumber, setDocNumber] = useState('');
  const [title, setTitle] = useState('');
  const [departmentId, setDepartmentId] = useState<number | null>(null);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    editorApi.departments().then(
      (r) => setDepartments(r.data),
      () => undefined,
    );
  }, []);

  const submit = async () => {
    setError('');
    const parsed = PolicyCreateBody.safeParse({ docNumber, title, departmentId });
    if (!parsed.success) {
      setErrors(problemsToErrors(parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message }))));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const created = await policyApi.create(parsed.data);
      void Taro.redirectTo({ url: `${pagePaths.editorPolicy}?id=${created.id}&created=1` });
    } catch (err) {
      // 409: the 文号 is taken; 400 names the field.
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
      <Banner kind="info">新建的政策文件是草稿，群众看不到；日期、摘要和正文在下一步填写，填完整后再发布。</Banner>
      <View className="zw-card ed-section">
        <Field
          className="ed-field"
          errorClassName="ed-error"
          label="文号"
          field="docNumber"
          error={errors.docNumber}
          hint="如 青政办发〔2025〕12号。"
        >
          <TextInput name="new-docNumber" value={docNumber} max={50} onChange={setDocNumber} />
        </Field>
        <Field className="ed-field" errorClassName="ed-error" label="文件标题" field="title" error={errors.title}>
          <TextInput name="new-title" value={title} max={200} onChange={setTitle} />
        </Field>
        <Field className="ed-field" errorClassName="ed-error" label="牵头部门（可不选）" field="departmentId" error={errors.departmentId}>
          <View className="zw-chips">
            {departments.map((d) => (
              <Chip
                key={d.id}
                className={`ed-dept ed-dept--${d.code}`}
                on={departmentId === d.id}
                onClick={() => setDepartmentId(departmentId === d.id ? null : d.id)}
              >
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
      <Button className="zw-button ed-create-policy" loading={busy} disabled={busy} onClick={() => void submit()}>
        建立草稿
      </Button>
    </View>
  );
}
