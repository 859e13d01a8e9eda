import Taro from '@tarojs/taro';

/** Dial a public phone number; a cancelled dial is not an error. */
export function callPhone(phoneNumber: string) {
  Taro.makePhoneCall({ phoneNumber }).catch(() => undefined);
}
