/**
 * Complaint categories 投诉类别 and their subcategories (DOMAIN.md §2). This is the default taxonomy,
 * kept as data so that a configurable one can replace it without touching the decider's shape.
 * Labels are bilingual because the organisations using it write their procedures in both languages.
 */

export interface Label {
  en: string;
  'zh-CN': string;
}

export const TAXONOMY = {
  product_quality: {
    label: { en: 'Product quality', 'zh-CN': '产品质量' },
    subcategories: {
      design_defect: { en: 'Design defect', 'zh-CN': '设计缺陷' },
      manufacturing_defect: { en: 'Manufacturing defect', 'zh-CN': '制造缺陷' },
      material: { en: 'Material problem', 'zh-CN': '材料问题' },
      packaging: { en: 'Inadequate packaging', 'zh-CN': '包装不当' },
      labeling: { en: 'Unclear labeling', 'zh-CN': '标识不清' },
      safety_hazard: { en: 'Safety hazard', 'zh-CN': '安全隐患' },
      performance_instability: { en: 'Unstable performance', 'zh-CN': '性能不稳定' },
    },
  },
  service: {
    label: { en: 'Service', 'zh-CN': '服务' },
    subcategories: {
      attitude: { en: 'Indifferent attitude', 'zh-CN': '态度冷漠' },
      unprofessional: { en: 'Unprofessional staff', 'zh-CN': '员工不专业' },
      slow_response: { en: 'Slow response', 'zh-CN': '响应不及时' },
      poor_resolution: { en: 'Poor problem solving', 'zh-CN': '解决问题能力差' },
      inefficiency: { en: 'Inefficiency / long waits', 'zh-CN': '效率低/等待长' },
      no_personalization: { en: 'No personalization', 'zh-CN': '缺乏个性化' },
    },
  },
  delivery: {
    label: { en: 'Delivery', 'zh-CN': '交付' },
    subcategories: {
      production_delay: { en: 'Production delay', 'zh-CN': '生产进度延误' },
      supply_chain: { en: 'Supply chain disruption', 'zh-CN': '供应链中断' },
      logistics_delay: { en: 'Logistics delay', 'zh-CN': '物流延迟' },
      damaged_in_transit: { en: 'Damaged in transit', 'zh-CN': '运输破损' },
    },
  },
  transaction: {
    label: { en: 'Transaction', 'zh-CN': '交易' },
    subcategories: {
      billing_error: { en: 'Duplicate charge / wrong price', 'zh-CN': '重复收费/价格错误' },
      promotion_misunderstanding: { en: 'Unclear promotion rules', 'zh-CN': '促销规则不清' },
      unclear_fees: { en: 'Unclear fees', 'zh-CN': '不明确收费' },
      price_vs_advertising: { en: 'Price differs from advertising', 'zh-CN': '价格与宣传不符' },
    },
  },
  integrity: {
    label: { en: 'Integrity', 'zh-CN': '诚信' },
    subcategories: {
      misleading_advertising: { en: 'Misleading advertising', 'zh-CN': '虚假宣传' },
      broken_promise: { en: 'Broken promise', 'zh-CN': '承诺未兑现' },
    },
  },
  technical_support: {
    label: { en: 'Technical support', 'zh-CN': '技术支持' },
    // DOMAIN.md gives these three without Chinese labels; the translations are ours.
    subcategories: {
      defect_in_software: { en: 'Software defect', 'zh-CN': '软件缺陷' },
      setup_help: { en: 'Setup help', 'zh-CN': '安装设置帮助' },
      outage: { en: 'Outage', 'zh-CN': '服务中断' },
    },
  },
} as const satisfies Record<string, { label: Label; subcategories: Record<string, Label> }>;

export type Category = keyof typeof TAXONOMY;
export type SubcategoryOf<C extends Category> = keyof (typeof TAXONOMY)[C]['subcategories'] & string;
export type Subcategory = { [C in Category]: SubcategoryOf<C> }[Category];

export const CATEGORIES = Object.keys(TAXONOMY) as readonly Category[] as readonly [Category, ...Category[]];

export const SUBCATEGORIES = CATEGORIES.flatMap((category) =>
  Object.keys(TAXONOMY[category].subcategories),
) as readonly Subcategory[];

export function subcategoriesOf<C extends Category>(category: C): readonly SubcategoryOf<C>[] {
  return Object.keys(TAXONOMY[category].subcategories) as SubcategoryOf<C>[];
}

/**
 * Whether `subcategory` belongs to `category`. Takes plain strings because it guards input that
 * arrived over the wire; an unknown category simply has no subcategories.
 */
export function isSubcategoryOf(category: string, subcategory: string): boolean {
  if (!Object.hasOwn(TAXONOMY, category)) return false;
  return Object.hasOwn(TAXONOMY[category as Category].subcategories, subcategory);
}

export function isCategory(value: string): value is Category {
  return Object.hasOwn(TAXONOMY, value);
}
