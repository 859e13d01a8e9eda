import { Text, View } from '@tarojs/components';
import { Fragment, type ReactNode } from 'react';
import { MaterialForm, itemFieldLabels as L, sevenPublicFields, sevenPublicTitles, type SevenPublicField } from '@zw/shared';
import { emptyFaq, emptyLaw, emptyMaterial, emptyStep, type ItemForm } from '../form';
import { Chip, Field, FieldError, Toggle } from '../../../components/kit';
import '../components/editor.css';
import { RowList, TextArea, TextInput, type RowOrder } from './inputs';

export type ListKey = 'legalBasis' | 'procedure' | 'conditions' | 'materials' | 'faq';

type Props = {
  form: ItemForm;
  set: (patch: Partial<ItemForm>) => void;
  setList: <K extends ListKey>(key: K, rows: ItemForm[K], order: RowOrder) => void;
  /** The message for a field path, if any (draft checks, the server's answer, or publish checks). */
  err: (path: string) => string | undefined;
};

/** Any message for a row (its own path or below it). */
const rowBad = (err: Props['err'], fields: string[]) => (i: number) => fields.some((f) => !!err(f.replace('#', String(i))));

/**
 * The guide's fields: the 七公开 first, in their printed order and with their
 * printed names (from the shared content model, as the server's messages use
 * them), then everything else a citizen needs.
 */
export default function ItemFields({ form, set, setList, err }: Props) {
  /** The 七公开 inputs; their order and names are the content model's (the summary rides with the name). */
  const seven: Record<SevenPublicField, () => ReactNode> = {
    name: () => (
      <>
        <Field className="ed-field" errorClassName="ed-error" label={sevenPublicTitles.name.page} seven field="name" error={err('name')}>
          <TextInput name="name" value={form.name} max={100} onChange={(name) => set({ name })} />
        </Field>
        <Field
          className="ed-field"
          errorClassName="ed-error"
          label={L.summary}
          field="summary"
          error={err('summary')}
          hint="一两句话说明办什么、谁可以办，显示在名称下面。"
        >
          <TextArea name="summary" short value={form.summary} max={200} onChange={(summary) => set({ summary })} />
        </Field>
      </>
    ),
    legalBasis: () => (
      <Field
        className="ed-field"
        errorClassName="ed-error"
        label={sevenPublicTitles.legalBasis.page}
        seven
        field="legalBasis"
        error={err('legalBasis')}
      >
        <RowList
          name="legalBasis"
          rows={form.legalBasis}
          make={emptyLaw}
          addLabel="添加一条依据"
          badRow={rowBad(err, ['legalBasis.#.law', 'legalBasis.#.articles'])}
          onChange={(rows, order) => setList('legalBasis', rows, order)}
          render={(b, i, put) => (
            <View>
              <Text className="ed-row__sub">法律法规名称</Text>
              <TextInput
                label="法律法规名称"
                name="law"
                value={b.law}
                max={200}
                placeholder="如《中华人民共和国社会救助暂行办法》"
                onChange={(law) => put({ ...b, law })}
              />
              <FieldError className="ed-error" field={`legalBasis.${i}.law`} text={err(`legalBasis.${i}.law`)} />
              <Text className="ed-row__sub">条款（可不填）</Text>
              <TextArea
                label="条款（可不填）"
                name="articles"
                short
                value={b.articles}
                max={2000}
                onChange={(articles) => put({ ...b, articles })}
              />
              <FieldError className="ed-error" field={`legalBasis.${i}.articles`} text={err(`legalBasis.${i}.articles`)} />
            </View>
          )}
        />
      </Field>
    ),
    procedure: () => (
      <Field
        className="ed-field"
        errorClassName="ed-error"
        label={sevenPublicTitles.procedure.page}
        seven
        field="procedure"
        error={err('procedure')}
      >
        <RowList
          name="procedure"
          movable
          rows={form.procedure}
          make={emptyStep}
          addLabel="添加一个步骤"
          badRow={rowBad(err, ['procedure.#.title', 'procedure.#.description', 'procedure.#.days'])}
          onChange={(rows, order) => setList('procedure', rows, order)}
          render={(s, i, put) => (
            <View>
              <Text className="ed-row__sub">步骤名称</Text>
              <TextInput
                label="步骤名称"
                name="step-title"
                value={s.title}
                max={50}
                placeholder="如 受理"
                onChange={(title) => put({ ...s, title })}
              />
              <FieldError className="ed-error" field={`procedure.${i}.title`} text={err(`procedure.${i}.title`)} />
              <Text className="ed-row__sub">说明</Text>
              <TextArea
                label="说明"
                name="step-description"
                short
                value={s.description}
                max={1000}
                onChange={(description) => put({ ...s, description })}
              />
              <FieldError className="ed-error" field={`procedure.${i}.description`} text={err(`procedure.${i}.description`)} />
              <Text className="ed-row__sub">需要几个工作日（可不填，0 为当场办理）</Text>
              <TextInput
                label="需要几个工作日（可不填，0 为当场办理）"
                name="step-days"
                type="number"
                value={s.days}
                max={3}
                onChange={(days) => put({ ...s, days })}
              />
              <FieldError className="ed-error" field={`procedure.${i}.days`} text={err(`procedure.${i}.days`)} />
            </View>
          )}
        />
      </Field>
    ),
    conditions: () => (
      <Field
        className="ed-field"
        errorClassName="ed-error"
        label={sevenPublicTitles.conditions.page}
        seven
        field="conditions"
        error={err('conditions')}
      >
        <RowList
          name="conditions"
          movable
          rows={form.conditions}
          make={() => ''}
          addLabel="添加一条条件"
          badRow={rowBad(err, ['conditions.#'])}
          onChange={(rows, order) => setList('conditions', rows, order)}
          render={(c, i, put) => (
            <View>
              <TextArea name="condition" short value={c} max={500} onChange={put} />
              <FieldError className="ed-error" field={`conditions.${i}`} text={err(`conditions.${i}`)} />
            </View>
          )}
        />
      </Field>
    ),
    fee: () => (
      <Field className="ed-field" errorClassName="ed-error" label={sevenPublicTitles.fee.page} seven field="fee" error={err('fee')}>
        <View className="ed-switch">
          <Text>{form.fee.charged ? '收费' : '不收费'}</Text>
          <Toggle
            className="ed-in-fee-charged"
            checked={form.fee.charged}
            label="收费"
            onChange={(charged) =>
              set({
                fee: {
                  ...form.fee,
                  charged,
                  standard: !charged && !form.fee.standard ? '不收费' : form.fee.standard,
                },
              })
            }
          />
        </View>
        <Text className="ed-row__sub">收费标准</Text>
        <TextArea
          label="收费标准"
          name="fee-standard"
          short
          value={form.fee.standard}
          max={1000}
          placeholder={form.fee.charged ? '如 每证 10 元' : '不收费'}
          onChange={(standard) => set({ fee: { ...form.fee, standard } })}
        />
        <FieldError className="ed-error" field="fee.standard" text={err('fee.standard')} />
        <Text className="ed-row__sub">{form.fee.charged ? '收费依据（必填）' : '不收费依据（可不填）'}</Text>
        <TextArea
          label={form.fee.charged ? '收费依据' : '不收费依据'}
          name="fee-basis"
          short
          value={form.fee.basis}
          max={1000}
          onChange={(basis) => set({ fee: { ...form.fee, basis } })}
        />
        <FieldError className="ed-error" field="fee.basis" text={err('fee.basis')} />
      </Field>
    ),
    responsibleUnit: () => (
      <Field
        className="ed-field"
        errorClassName="ed-error"
        label={sevenPublicTitles.responsibleUnit.page}
        seven
        field="responsibleUnit"
        error={err('responsibleUnit')}
      >
        <TextInput
          name="responsibleUnit"
          value={form.responsibleUnit}
          max={100}
          placeholder="如 清溪县民政局社会救助股"
          onChange={(responsibleUnit) => set({ responsibleUnit })}
        />
      </Field>
    ),
    supervisionPhone: () => (
      <Field
        className="ed-field"
        errorClassName="ed-error"
        label={sevenPublicTitles.supervisionPhone.page}
        seven
        field="supervisionPhone"
        error={err('supervisionPhone')}
      >
        <TextInput
          name="supervisionPhone"
          value={form.supervisionPhone}
          max={20}
          placeholder="如 0797-6331234"
          onChange={(supervisionPhone) => set({ supervisionPhone })}
        />
      </Field>
    ),
  };
  return (
    <View>
      <View className="zw-card ed-section">
        <Text className="ed-section__title">
          七公开 <Text className="ed-section__note">按公开顺序，发布前必须填写完整</Text>
        </Text>

        {sevenPublicFields.map((k) => (
          <Fragment key={k}>{seven[k]()}</Fragment>
        ))}
      </View>

      <View className="zw-card ed-section">
        <Text className="ed-section__title">
          {L.materials} <Text className="ed-section__note">没有材料的可以不填</Text>
        </Text>
        <Field className="ed-field" errorClassName="ed-error" label="材料清单" field="materials" error={err('materials')}>
          <RowList
            name="materials"
            movable
            rows={form.materials}
            make={emptyMaterial}
            addLabel="添加一项材料"
            badRow={rowBad(err, ['materials.#.name', 'materials.#.copies', 'materials.#.notes', 'materials.#.templateUrl'])}
            onChange={(rows, order) => setList('materials', rows, order)}
            render={(m, i, put) => (
              <View>
                <Text className="ed-row__sub">材料名称</Text>
                <TextInput label="材料名称" name="material-name" value={m.name} max={200} onChange={(name) => put({ ...m, name })} />
                <FieldError className="ed-error" field={`materials.${i}.name`} text={err(`materials.${i}.name`)} />
                <Text className="ed-row__sub">形式</Text>
                <View className="zw-chips">
                  {MaterialForm.options.map((o) => (
                    <Chip key={o} on={m.form === o} onClick={() => put({ ...m, form: o })}>
                      {o}
                    </Chip>
                  ))}
                </View>
                <View className="ed-inline" style={{ marginTop: '0.4em' }}>
                  <Text className="ed-row__sub">份数（0 为核验后退还）</Text>
                  <TextInput
                    label="份数（0 为核验后退还）"
                    name="material-copies"
                    type="number"
                    value={m.copies}
                    max={2}
                    onChange={(copies) => put({ ...m, copies })}
                  />
                </View>
                <FieldError className="ed-error" field={`materials.${i}.copies`} text={err(`materials.${i}.copies`)} />
                <View className="ed-switch" style={{ marginTop: '0.4em' }}>
                  <Text className="ed-row__sub">{m.required ? '必须提交' : '视情况提交'}</Text>
                  <Toggle checked={m.required} label="必须提交" onChange={(required) => put({ ...m, required })} />
                </View>
                <Text className="ed-row__sub">说明（可不填）</Text>
                <TextArea
                  label="说明（可不填）"
                  name="material-notes"
                  short
                  value={m.notes}
                  max={500}
                  onChange={(notes) => put({ ...m, notes })}
                />
                <Text className="ed-row__sub">空白表格网址（可不填）</Text>
                <TextInput
                  label="空白表格网址（可不填）"
                  name="material-template"
                  value={m.templateUrl}
                  max={500}
                  onChange={(templateUrl) => put({ ...m, templateUrl })}
                />
                <FieldError className="ed-error" field={`materials.${i}.templateUrl`} text={err(`materials.${i}.templateUrl`)} />
              </View>
            )}
          />
        </Field>
      </View>

      <View className="zw-card ed-section">
        <Text className="ed-section__title">时限、地点和联系</Text>
        <Field
          className="ed-field"
          errorClassName="ed-error"
          label={`${L.statutoryLimitDays}（工作日）`}
          field="statutoryLimitDays"
          error={err('statutoryLimitDays')}
        >
          <TextInput
            name="statutoryLimitDays"
            type="number"
            value={form.statutoryLimitDays}
            max={3}
            onChange={(statutoryLimitDays) => set({ statutoryLimitDays })}
          />
        </Field>
        <Field
          className="ed-field"
          errorClassName="ed-error"
          label={`${L.promisedLimitDays}（工作日，0 为即办）`}
          field="promisedLimitDays"
          error={err('promisedLimitDays')}
        >
          <TextInput
            name="promisedLimitDays"
            type="number"
            value={form.promisedLimitDays}
            max={3}
            onChange={(promisedLimitDays) => set({ promisedLimitDays })}
          />
        </Field>
        <Field className="ed-field" errorClassName="ed-error" label={L.consultPhone} field="consultPhone" error={err('consultPhone')}>
          <TextInput name="consultPhone" value={form.consultPhone} max={20} onChange={(consultPhone) => set({ consultPhone })} />
        </Field>
        <Field
          className="ed-field"
          errorClassName="ed-error"
          label={L.location}
          field="location"
          error={err('location')}
          hint="可以办理的窗口在“大厅和窗口”里设置，预览时显示已发布的窗口。"
        >
          <TextArea name="location" short value={form.location} max={200} onChange={(location) => set({ location })} />
        </Field>
        <Field className="ed-field" errorClassName="ed-error" label={L.officeHours} field="officeHours" error={err('officeHours')}>
          <TextInput
            name="officeHours"
            value={form.officeHours}
            max={200}
            placeholder="如 工作日 8:30-12:00、14:30-17:30"
            onChange={(officeHours) => set({ officeHours })}
          />
        </Field>
        <Field className="ed-field" errorClassName="ed-error" label={L.visitsNeeded} field="visitsNeeded" error={err('visitsNeeded')}>
          <View className="zw-chips">
            {['0', '1', '2', '3'].map((v) => (
              <Chip key={v} on={form.visitsNeeded === v} onClick={() => set({ visitsNeeded: v })}>
                {v === '0' ? '全程网办' : v === '1' ? '最多跑一次' : `${v} 次`}
              </Chip>
            ))}
          </View>
        </Field>
        <Field
          className="ed-field"
          errorClassName="ed-error"
          label={L.onlineUrl}
          field="onlineUrl"
          error={err('onlineUrl')}
          hint="不能网上办理的留空。"
        >
          <TextInput
            name="onlineUrl"
            value={form.onlineUrl}
            max={500}
            placeholder="https://"
            onChange={(onlineUrl) => set({ onlineUrl })}
          />
        </Field>
        <Field className="ed-field" errorClassName="ed-error" label={L.resultName} field="resultName" error={err('resultName')}>
          <TextInput
            name="resultName"
            value={form.resultName}
            max={100}
            placeholder="如 准予登记通知书"
            onChange={(resultName) => set({ resultName })}
          />
        </Field>
        <Field
          className="ed-field"
          errorClassName="ed-error"
          label={L.resultSampleUrl}
          field="resultSampleUrl"
          error={err('resultSampleUrl')}
          hint="结果样本的网址，没有的留空。"
        >
          <TextInput
            name="resultSampleUrl"
            value={form.resultSampleUrl}
            max={500}
            placeholder="https://"
            onChange={(resultSampleUrl) => set({ resultSampleUrl })}
          />
        </Field>
      </View>

      <View className="zw-card ed-section">
        <Text className="ed-section__title">{L.faq}</Text>
        <RowList
          name="faq"
          movable
          rows={form.faq}
          make={emptyFaq}
          addLabel="添加一个问题"
          badRow={rowBad(err, ['faq.#.q', 'faq.#.a'])}
          onChange={(rows, order) => setList('faq', rows, order)}
          render={(f, i, put) => (
            <View>
              <Text className="ed-row__sub">问</Text>
              <TextInput label="问" name="faq-q" value={f.q} max={300} onChange={(q) => put({ ...f, q })} />
              <FieldError className="ed-error" field={`faq.${i}.q`} text={err(`faq.${i}.q`)} />
              <Text className="ed-row__sub">答</Text>
              <TextArea label="答" name="faq-a" short value={f.a} max={2000} onChange={(a) => put({ ...f, a })} />
              <FieldError className="ed-error" field={`faq.${i}.a`} text={err(`faq.${i}.a`)} />
            </View>
          )}
        />
        <Field
          className="ed-field"
          errorClassName="ed-error"
          label={L.keywords}
          field="keywords"
          error={err('keywords')}
          hint="群众常说的叫法，用顿号或空格隔开，如 低保、最低生活保障。"
        >
          <TextInput name="keywords" value={form.keywords} max={400} onChange={(keywords) => set({ keywords })} />
        </Field>
      </View>
    </View>
  );
}
