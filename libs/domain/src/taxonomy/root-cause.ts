/** Root-cause classes of the fishbone (Ishikawa, 6M) diagram, used by root-cause statistics. */
import type { Label } from './categories.js';

export const FISHBONE_CLASSES = ['man', 'machine', 'material', 'method', 'measurement', 'environment'] as const;
export type FishboneClass = (typeof FISHBONE_CLASSES)[number];

export const FISHBONE_LABELS: Record<FishboneClass, Label> = {
  man: { en: 'Man (people)', 'zh-CN': '人' },
  machine: { en: 'Machine', 'zh-CN': '机' },
  material: { en: 'Material', 'zh-CN': '料' },
  method: { en: 'Method', 'zh-CN': '法' },
  measurement: { en: 'Measurement', 'zh-CN': '测' },
  environment: { en: 'Environment', 'zh-CN': '环' },
};
