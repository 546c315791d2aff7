/**
 * What intake records beside the category (DOMAIN.md §2): the channel 渠道, the intensity of the
 * complaint behaviour 投诉行为 and its purpose 投诉目的. Each list is the closed set the API accepts.
 */
import type { Label } from './categories.js';

export const CHANNELS = [
  'phone',
  'email',
  'web_form',
  'online_chat',
  'social_media',
  'app',
  'in_store',
  'postal_mail',
  'fax',
  'regulator_referral',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, Label> = {
  phone: { en: 'Phone hotline', 'zh-CN': '电话热线' },
  email: { en: 'Email', 'zh-CN': '电子邮件' },
  web_form: { en: 'Web form', 'zh-CN': '网页表单' },
  online_chat: { en: 'Online chat', 'zh-CN': '在线客服' },
  social_media: { en: 'Social media', 'zh-CN': '社交媒体' },
  app: { en: 'App', 'zh-CN': '应用程序' },
  in_store: { en: 'In store', 'zh-CN': '门店' },
  postal_mail: { en: 'Postal mail', 'zh-CN': '信函' },
  fax: { en: 'Fax', 'zh-CN': '传真' },
  regulator_referral: { en: 'Regulator referral', 'zh-CN': '监管转办' },
};

export const INTENSITIES = ['passive', 'negative_publicity', 'venting', 'radical'] as const;
export type Intensity = (typeof INTENSITIES)[number];

export const INTENSITY_LABELS: Record<Intensity, Label> = {
  passive: { en: 'Passive complaining', 'zh-CN': '消极抱怨' },
  negative_publicity: { en: 'Negative publicity', 'zh-CN': '负面宣传' },
  venting: { en: 'Venting anger', 'zh-CN': '愤怒发泄' },
  radical: { en: 'Radical', 'zh-CN': '极端激进' },
};

export const PURPOSES = ['suggestion', 'criticism', 'accusation'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const PURPOSE_LABELS: Record<Purpose, Label> = {
  suggestion: { en: 'Suggestion', 'zh-CN': '建议性' },
  criticism: { en: 'Criticism', 'zh-CN': '批评性' },
  accusation: { en: 'Accusation', 'zh-CN': '控告性' },
};
