import { Text, View } from '@tarojs/components';
import type { PolicySummary, PolicyValidity } from '@zw/shared';
import { Fact } from '../kit';
import './PolicyFacts.css';

const validityClass: Record<PolicyValidity, string> = {
  有效: 'policy-validity--valid',
  已修订: 'policy-validity--revised',
  已废止: 'policy-validity--repealed',
};

/** 效力状态 in its colour: green 有效, orange 已修订, grey-red 已废止. */
export function ValidityTag({ validity }: { validity: PolicyValidity }) {
  return <Text className={`zw-tag policy-validity ${validityClass[validity] ?? ''}`}>{validity}</Text>;
}

/** The facts printed at the head of an official document. */
export function PolicyFacts({ policy }: { policy: PolicySummary }) {
  return (
    <View className="policy-facts">
      <Fact label="文号">
        <Text>{policy.docNumber}</Text>
      </Fact>
      <Fact label="发文机关">
        <Text>{policy.issuer}</Text>
      </Fact>
      <Fact label="发布日期">
        <Text>{policy.issuedAt}</Text>
      </Fact>
      <Fact label="施行日期">
        <Text>{policy.effectiveAt}</Text>
      </Fact>
      <Fact label="有效期至">
        <Text>{policy.expiresAt ?? '长期有效'}</Text>
      </Fact>
      <Fact label="效力状态">
        <ValidityTag validity={policy.validity} />
      </Fact>
    </View>
  );
}

/** A plain warning when the document no longer applies as written. */
export function ValidityNotice({ validity }: { validity: PolicyValidity }) {
  if (validity === '有效') return null;
  return (
    <View className={`policy-notice policy-notice--${validity === '已废止' ? 'repealed' : 'revised'}`}>
      <Text>
        {validity === '已废止'
          ? '这份文件已经废止，不再执行，内容仅供查阅。办事请以现行规定为准。'
          : '这份文件已经修订，部分内容可能已有变化。办事请以修订后的规定为准。'}
      </Text>
    </View>
  );
}
