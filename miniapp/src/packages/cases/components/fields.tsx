import { Input, Textarea } from '@tarojs/components'
import './cases.css'

/*
 * Text fields. In WeChat these are the native input/textarea components. In H5 they
 * are plain <input>/<textarea>: Taro's H5 wrappers copy `placeholder` onto a custom
 * element around the real field, so browser tools, screen readers and tests that look
 * a field up by its placeholder found the wrapper, which cannot be typed into.
 */

type Common = {
  value: string
  onInput: (value: string) => void
  placeholder?: string
  maxlength?: number
  className?: string
  id?: string
}

const isH5 = process.env.TARO_ENV === 'h5'

export function TextInput({ value, onInput, placeholder, maxlength, className, id, kind = 'text' }: Common & { kind?: 'text' | 'tel' | 'digits' }) {
  if (isH5) {
    return (
      <input
        id={id}
        className={`case-input case-native${className ? ` ${className}` : ''}`}
        type={kind === 'tel' ? 'tel' : 'text'}
        inputMode={kind === 'text' ? undefined : 'numeric'}
        value={value}
        placeholder={placeholder}
        maxLength={maxlength}
        onChange={(e) => onInput(e.target.value)}
      />
    )
  }
  return (
    <Input
      id={id}
      className={`case-input${className ? ` ${className}` : ''}`}
      type={kind === 'text' ? 'text' : 'number'}
      value={value}
      placeholder={placeholder}
      maxlength={maxlength}
      onInput={(e) => onInput(e.detail.value)}
    />
  )
}

export function TextArea({ value, onInput, placeholder, maxlength, className, id }: Common) {
  if (isH5) {
    return (
      <textarea
        id={id}
        className={`case-textarea case-native${className ? ` ${className}` : ''}`}
        value={value}
        placeholder={placeholder}
        maxLength={maxlength}
        onChange={(e) => onInput(e.target.value)}
      />
    )
  }
  return (
    <Textarea
      id={id}
      className={`case-textarea${className ? ` ${className}` : ''}`}
      value={value}
      placeholder={placeholder}
      maxlength={maxlength}
      onInput={(e) => onInput(e.detail.value)}
    />
  )
}
